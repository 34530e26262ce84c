package org.lastmile.platform.internal;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backup and restore of the embedded database as one file each way.
 *
 * <p>The embedded binaries ship only {@code initdb}, {@code pg_ctl} and {@code postgres} (no
 * {@code pg_dump}), so the backup is a logical one made through the JDBC driver: in one
 * repeatable-read snapshot, every table of the schema is streamed out with {@code COPY ... TO STDOUT}
 * into a zip, beside a manifest naming the Flyway schema version and the sequence values. A restore
 * recreates the schema with the application's own Flyway migrations up to that version and streams
 * the rows back with {@code COPY ... FROM STDIN}. Nothing is held in memory; a backup may be taken
 * while Lastmile runs, a restore needs it stopped.
 */
public final class EmbeddedBackup {

    private static final String MANIFEST = "manifest.properties";
    private static final String TABLE_PREFIX = "tables/";
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    private final Path dataDir;

    private EmbeddedBackup(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static EmbeddedBackup forDataDirectory(Path dataDir) {
        return new EmbeddedBackup(dataDir);
    }

    public int backup(Path file, PrintStream out) {
        Path pgData = dataDir.resolve("postgres");
        if (!Files.exists(pgData.resolve("postgresql.conf"))) {
            throw new IllegalStateException("No embedded database in " + dataDir.toAbsolutePath());
        }
        var running = EmbeddedPostgresServer.PostmasterPidFile.read(pgData)
                .filter(pid -> ProcessHandle.of(pid.pid()).map(ProcessHandle::isAlive).orElse(false));
        if (running.isPresent()) {
            // Lastmile is running: read from its server, a snapshot is consistent anyway.
            String url = "jdbc:postgresql://localhost:" + running.get().port() + "/" + EmbeddedPostgresServer.DATABASE;
            return backup(url, file, out);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            return backup(server.jdbcUrl(), file, out);
        }
    }

    public int restore(Path file, PrintStream out) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such backup file: " + file);
        }
        Path pgData = dataDir.resolve("postgres");
        var running = EmbeddedPostgresServer.PostmasterPidFile.read(pgData)
                .filter(pid -> ProcessHandle.of(pid.pid()).map(ProcessHandle::isAlive).orElse(false));
        if (running.isPresent()) {
            throw new IllegalStateException("Lastmile is running on " + dataDir.toAbsolutePath()
                    + " (database process " + running.get().pid() + "); stop it before restoring");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            return restore(server.jdbcUrl(), file, out);
        }
    }

    static int backup(String jdbcUrl, Path file, PrintStream out) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long rowsTotal = 0;
        try (Connection c = connect(jdbcUrl);
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Properties manifest = new Properties();
            manifest.setProperty("format", "lastmile-backup-1");
            manifest.setProperty("createdAt", Instant.now().toString());
            manifest.setProperty("schemaVersion", queryString(c,
                    "select version from " + FLYWAY_HISTORY + " where success and version is not null "
                            + "order by installed_rank desc limit 1"));
            List<String> tables = queryStrings(c, "select tablename from pg_tables where schemaname = 'public' "
                    + "and tablename <> '" + FLYWAY_HISTORY + "' order by tablename");
            manifest.setProperty("tables", String.join(",", tables));
            for (String seq : queryStrings(c, "select sequencename || '=' || coalesce(last_value::text, '') "
                    + "from pg_sequences where schemaname = 'public'")) {
                String[] parts = seq.split("=", 2);
                manifest.setProperty("sequence." + parts[0], parts[1]);
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                zip.putNextEntry(new ZipEntry(TABLE_PREFIX + table));
                long rows = copy.copyOut("copy " + quote(table) + " to stdout", new KeepOpen(zip));
                manifest.setProperty("rows." + table, Long.toString(rows));
                rowsTotal += rows;
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(MANIFEST));
            StringWriter text = new StringWriter();
            manifest.store(text, "Lastmile backup");
            zip.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Backup failed: " + e.getMessage(), e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf("Backed up %d rows into %s%n", rowsTotal, file.toAbsolutePath());
        return 0;
    }

    static int restore(String jdbcUrl, Path file, PrintStream out) {
        Properties manifest = readManifest(file);
        if (!"lastmile-backup-1".equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException(file + " is not a Lastmile backup");
        }
        String schemaVersion = manifest.getProperty("schemaVersion");
        try (Connection c = connect(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema public cascade");
                s.execute("create schema public");
            }
            Flyway.configure().dataSource(jdbcUrl, EmbeddedPostgresServer.SUPERUSER, null)
                    .locations("classpath:db/migration")
                    .target(schemaVersion)
                    .load()
                    .migrate();
            c.setAutoCommit(false);
            List<String> tables = List.of(manifest.getProperty("tables").split(","));
            try (Statement s = c.createStatement()) {
                s.execute("set session_replication_role = replica"); // rows come in any order: skip FK triggers
                if (!tables.isEmpty() && !tables.get(0).isEmpty()) {
                    s.execute("truncate " + String.join(", ", tables.stream().map(EmbeddedBackup::quote).toList()));
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long rowsTotal = 0;
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    if (entry.getName().startsWith(TABLE_PREFIX)) {
                        String table = entry.getName().substring(TABLE_PREFIX.length());
                        if (!tables.contains(table)) {
                            throw new IllegalArgumentException("Backup holds an unlisted table " + table);
                        }
                        rowsTotal += copy.copyIn("copy " + quote(table) + " from stdin", new NoClose(zip));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String key : manifest.stringPropertyNames()) {
                    if (key.startsWith("sequence.")) {
                        String value = manifest.getProperty(key);
                        String seq = quote(key.substring("sequence.".length()));
                        s.execute(value.isEmpty()
                                ? "select setval('" + seq + "', 1, false)"
                                : "select setval('" + seq + "', " + Long.parseLong(value) + ", true)");
                    }
                }
                s.execute("set session_replication_role = origin");
            }
            c.commit();
            out.printf("Restored %d rows (schema version %s) from %s%n", rowsTotal, schemaVersion, file.toAbsolutePath());
            return 0;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Restore failed: " + e.getMessage(), e);
        }
    }

    private static Properties readManifest(Path file) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(MANIFEST)) {
                    Properties manifest = new Properties();
                    manifest.load(new StringReader(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
                    return manifest;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable backup: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " is not a Lastmile backup (no manifest)");
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        List<String> values = queryStrings(c, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> queryStrings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The driver closes the stream it was given; the zip entry must stay open. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class NoClose extends FilterInputStream {
        NoClose(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
