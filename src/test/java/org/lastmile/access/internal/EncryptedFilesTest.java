package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedFilesTest {

    private final byte[] key = Base64.getDecoder().decode(DataKeys.newKey());

    private byte[] encrypt(byte[] plain, String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EncryptedFiles.encrypt(new ByteArrayInputStream(plain), out, id, "k1", key);
        return out.toByteArray();
    }

    private byte[] decrypt(byte[] sealed, String id) throws IOException {
        try (InputStream in = EncryptedFiles.decrypt(new ByteArrayInputStream(sealed), id, k -> key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsFilesOfEverySize() throws IOException {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 65535, 65536, 65537, 300_000}) {
            byte[] plain = new byte[size];
            random.nextBytes(plain);
            assertThat(decrypt(encrypt(plain, "f"), "f")).as("size " + size).isEqualTo(plain);
        }
    }

    @Test
    void detectsAlterationTruncationAndASwappedFile() throws IOException {
        byte[] plain = new byte[200_000];
        new Random(1).nextBytes(plain);
        byte[] sealed = encrypt(plain, "f");

        byte[] altered = sealed.clone();
        altered[altered.length / 2] ^= 1;
        assertThatThrownBy(() -> decrypt(altered, "f")).isInstanceOf(IOException.class);

        byte[] cut = Arrays.copyOf(sealed, sealed.length - 70_000);
        assertThatThrownBy(() -> decrypt(cut, "f")).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> decrypt(sealed, "another-file")).isInstanceOf(IOException.class);
    }

    @Test
    void holdsNoPlaintextOnDisk() throws IOException {
        byte[] sealed = encrypt("11010519491231002X,13812341234".getBytes(), "f");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("1949").doesNotContain("1381234");
    }
}
