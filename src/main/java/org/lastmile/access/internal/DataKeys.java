package org.lastmile.access.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keyring of data keys: {@code LASTMILE_DATA_KEY} as {@code id:base64key[,id:base64key...]}
 * (a bare base64 key is named {@code k1}); the first key encrypts, all of them decrypt. Each key is
 * 32 random bytes. Only the embedded default may keep its key in a file of its data directory.
 */
final class DataKeys {

    static final String KEY_FILE = "data-key";

    private final Map<String, byte[]> keys;   // in order: current first
    private final String currentId;

    private DataKeys(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The data keyring is empty");
        }
        this.keys = keys;
        this.currentId = keys.keySet().iterator().next();
    }

    static DataKeys parse(String keyring) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : keyring.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? "k1" : trimmed.substring(0, colon);
            String encoded = colon < 0 ? trimmed : trimmed.substring(colon + 1);
            if (!id.matches("[A-Za-z0-9]{1,16}")) {
                throw new IllegalArgumentException("A data key id is 1-16 letters or digits: " + id);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Data key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("Data key " + id + " must be 32 bytes (base64 of 32 random bytes), not " + key.length);
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("Data key id " + id + " appears twice");
            }
        }
        return new DataKeys(keys);
    }

    /** The embedded default's key file: created once with owner-only permissions, then read. */
    static DataKeys fromKeyFile(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.writeString(file, "k1:" + Base64.getEncoder().encodeToString(key) + "\n");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the data key file " + file, e);
        }
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    String currentId() {
        return currentId;
    }

    byte[] current() {
        return keys.get(currentId);
    }

    byte[] get(String id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("Data key " + id + " is not in the keyring (LASTMILE_DATA_KEY)");
        }
        return key;
    }

    List<String> ids() {
        return new ArrayList<>(keys.keySet());
    }

    /** A sub-key for one purpose, so that the encryption key itself never serves as an HMAC key. */
    static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
