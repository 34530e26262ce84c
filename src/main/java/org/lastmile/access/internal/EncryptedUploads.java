package org.lastmile.access.internal;

import org.lastmile.access.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Uploads kept encrypted under {@code <data dir>/uploads}, purged after their retention. */
@Service
class EncryptedUploads implements Uploads {

    private static final Logger log = LoggerFactory.getLogger(EncryptedUploads.class);
    private final JdbcClient jdbc;
    private final PersonalDataService keys;
    private final Path directory;
    private final Duration retention;

    EncryptedUploads(JdbcClient jdbc, PersonalDataService keys, @Value("${lastmile.data-dir:data}") Path dataDir,
                     @Value("${lastmile.uploads.retention:P7D}") Duration retention) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.directory = dataDir.resolve("uploads");
        this.retention = retention;
    }

    @Override
    public Upload store(InputStream content, String filename, String owner) {
        return write(filename, owner, content::transferTo);
    }

    @Override
    public Upload write(String filename, String owner, Content content) {
        String id = UUID.randomUUID().toString();
        String name = filename == null || filename.isBlank() ? "upload" : Path.of(filename).getFileName().toString();
        Path file = directory.resolve(id);
        try {
            Files.createDirectories(directory);
            long bytes;
            try (OutputStream out = Files.newOutputStream(Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), StandardOpenOption.WRITE);
                 EncryptedFiles.EncryptingStream sealed = new EncryptedFiles.EncryptingStream(out, id, keys.currentKeyId(), keys.currentKey())) {
                content.writeTo(sealed);
                sealed.close();
                bytes = sealed.plaintextLength();
            }
            jdbc.sql("insert into access_upload (id, owner, filename, bytes) values (?, ?, ?, ?)")
                    .params(UUID.fromString(id), owner, name.length() > 200 ? name.substring(0, 200) : name, bytes).update();
            return new Upload(id, name, bytes);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: a leftover holds only ciphertext
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not store the file", io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public Upload storeSpreadsheet(org.springframework.web.multipart.MultipartFile file, String owner) {
        if (file == null || file.isEmpty()) {
            throw new org.lastmile.access.AccessException(org.lastmile.access.AccessException.Kind.INVALID, "file", "FILE_REQUIRED");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".xlsx") && !name.endsWith(".csv")) {
            throw new org.lastmile.access.AccessException(org.lastmile.access.AccessException.Kind.INVALID, "file", "FILE_TYPE");
        }
        try (InputStream in = file.getInputStream()) {
            return store(in, file.getOriginalFilename(), owner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean kept(String id) {
        return jdbc.sql("select deleted_at is null from access_upload where id = ?").param(UUID.fromString(id)).query(Boolean.class)
                .optional().orElse(false);
    }

    @Override
    public InputStream open(String id) {
        try {
            return EncryptedFiles.decrypt(Files.newInputStream(directory.resolve(UUID.fromString(id).toString())), id, keys::key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the upload " + id, e);
        }
    }

    @Override
    public void release(String id) {
        jdbc.sql("update access_upload set delete_after = now() + make_interval(secs => ?) where id = ?")
                .params((double) retention.toSeconds(), UUID.fromString(id)).update();
        if (retention.isZero()) {
            purge();
        }
    }

    /** Deletes the files whose retention has passed. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purge() {
        List<String> due = jdbc.sql("select id from access_upload where deleted_at is null and delete_after <= now()")
                .query(String.class).list();
        for (String id : due) {
            try {
                Files.deleteIfExists(directory.resolve(id));
                jdbc.sql("update access_upload set deleted_at = now() where id = ?").param(UUID.fromString(id)).update();
            } catch (IOException e) {
                log.warn("Could not delete the upload {}: {}", id, e.getMessage());
            }
        }
    }

    Path fileOf(String id) {
        return directory.resolve(UUID.fromString(id).toString());
    }
}
