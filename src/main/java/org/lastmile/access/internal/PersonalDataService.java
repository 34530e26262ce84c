package org.lastmile.access.internal;

import org.lastmile.access.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** AES-256-GCM with a random 96-bit nonce per value; stored as {@code keyId$base64(nonce|ciphertext|tag)}. */
@Service
class PersonalDataService implements PersonalData {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private volatile DataKeys keys;

    PersonalDataService(@Value("${lastmile.data-key:}") String keyring,
                        @Value("${lastmile.data-dir:data}") Path dataDir,
                        @Value("${lastmile.db.url:}") String externalDatabase) {
        this.keys = load(keyring, dataDir, externalDatabase);
    }

    static DataKeys load(String keyring, Path dataDir, String externalDatabase) {
        if (keyring != null && !keyring.isBlank()) {
            return DataKeys.parse(keyring);
        }
        if (externalDatabase != null && !externalDatabase.isBlank()) {
            throw new IllegalStateException("LASTMILE_DATA_KEY is required with an external database, so that every node "
                    + "shares the key and it does not sit beside the backups. Generate one with: "
                    + "head -c 32 /dev/urandom | base64");
        }
        return DataKeys.fromKeyFile(dataDir);
    }

    String currentKeyId() {
        return keys.currentId();
    }

    /** For file encryption: the current key, and any key of the ring by id. */
    byte[] currentKey() {
        return keys.current();
    }

    byte[] key(String id) {
        return keys.get(id);
    }

    @Override
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(keys.currentId()), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return keys.currentId() + "$" + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    @Override
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        int dollar = ciphertext.indexOf('$');
        if (dollar <= 0) {
            throw new IllegalArgumentException("Not a Lastmile ciphertext");
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext.substring(dollar + 1));
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, aesKey(ciphertext.substring(0, dollar)),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored value failed its integrity check (wrong key or altered data)", e);
        }
    }

    @Override
    public byte[] blindIndex(IndexKind kind, String normalisedValue) {
        return hmac(keys.current(), kind, normalisedValue);
    }

    @Override
    public List<byte[]> blindIndexCandidates(IndexKind kind, String normalisedValue) {
        List<byte[]> candidates = new ArrayList<>();
        for (String id : keys.ids()) {
            candidates.add(hmac(keys.get(id), kind, normalisedValue));
        }
        return candidates;
    }

    boolean isCurrent(String ciphertext) {
        return ciphertext == null || ciphertext.startsWith(keys.currentId() + "$");
    }

    /**
     * One cipher per thread, initialised afresh for every value: {@code Cipher.getInstance} looks the provider up each time,
     * which was most of the cost of decrypting a page of search results. Encryption draws a fresh nonce each time, so re-use
     * never repeats a key and nonce.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final java.util.Map<String, SecretKeySpec> aesKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private SecretKeySpec aesKey(String id) {
        return aesKeys.computeIfAbsent(id, k -> new SecretKeySpec(keys.get(k), "AES"));
    }

    /** Derived sub-keys by data key and kind: deriving one per call cost a key derivation and two provider lookups per index. */
    private static final java.util.Map<String, SecretKeySpec> SUB_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] hmac(byte[] dataKey, IndexKind kind, String value) {
        SecretKeySpec subKey = SUB_KEYS.computeIfAbsent(java.util.Base64.getEncoder().encodeToString(dataKey) + " " + kind.name(),
                k -> new SecretKeySpec(DataKeys.derive(dataKey, "lastmile blind index " + kind.name()), "HmacSHA256"));
        try {
            Mac mac = MACS.get();
            mac.init(subKey);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
