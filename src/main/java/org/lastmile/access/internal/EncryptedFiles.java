package org.lastmile.access.internal;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Streaming authenticated encryption of files: 64 KiB segments, each AES-256-GCM with its own nonce
 * and, as associated data, the file's id, the segment's index and whether it is the last, so that
 * segments cannot be reordered, swapped between files or cut off unnoticed. Memory use is one segment.
 */
final class EncryptedFiles {

    private static final byte[] MAGIC = "LMU1".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedFiles() {
    }

    /** Encrypts {@code in} to {@code out}; returns the plaintext length. */
    static long encrypt(InputStream in, OutputStream out, String fileId, String keyId, byte[] key) throws IOException {
        try (EncryptingStream sealed = new EncryptingStream(out, fileId, keyId, key)) {
            in.transferTo(sealed);
            sealed.close();
            return sealed.plaintextLength();
        }
    }

    /**
     * Encrypts what is written to it onto {@code out}, one segment at a time; a full segment is sealed
     * only when more follows, so that the last one is known and marked when the stream is closed.
     * Closing does not close {@code out}.
     */
    static final class EncryptingStream extends OutputStream {
        private final DataOutputStream data;
        private final String fileId;
        private final byte[] key;
        private final byte[] segment = new byte[SEGMENT];
        private int filled;
        private long index;
        private long total;
        private boolean closed;

        EncryptingStream(OutputStream out, String fileId, String keyId, byte[] key) throws IOException {
            this.data = new DataOutputStream(out);
            this.fileId = fileId;
            this.key = key;
            data.write(MAGIC);
            data.writeUTF(keyId);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == SEGMENT) {
                    seal(false);
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(bytes, offset, segment, filled, n);
                filled += n;
                offset += n;
                length -= n;
                total += n;
            }
        }

        private void seal(boolean last) throws IOException {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, aad(fileId, index, last), java.util.Arrays.copyOf(segment, filled));
            data.writeInt(sealed.length);
            data.write(nonce);
            data.write(sealed);
            filled = 0;
            index++;
        }

        long plaintextLength() {
            return total;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                data.flush();
            }
        }
    }

    interface KeyLookup {
        byte[] key(String keyId);
    }

    /** A stream that decrypts segment by segment and fails on any alteration or truncation. */
    static InputStream decrypt(InputStream raw, String fileId, KeyLookup keys) throws IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(new java.io.BufferedInputStream(raw, SEGMENT + 64), 1);
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not an encrypted Lastmile file");
        }
        byte[] key = keys.key(data.readUTF());
        return new InputStream() {
            private ByteArrayInputStream segment = new ByteArrayInputStream(new byte[0]);
            private long index;
            private boolean finished;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (segment.available() == 0) {
                    if (finished) {
                        return -1;
                    }
                    nextSegment();
                }
                return segment.read(b, off, len);
            }

            private void nextSegment() throws IOException {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException e) {
                    throw new IOException("The encrypted file is cut short");
                }
                if (length < 16 || length > SEGMENT + 16) {
                    throw new IOException("The encrypted file is damaged");
                }
                byte[] nonce = data.readNBytes(12);
                byte[] sealed = data.readNBytes(length);
                if (sealed.length != length) {
                    throw new IOException("The encrypted file is cut short");
                }
                int peek = in.read();
                boolean last = peek < 0;
                if (!last) {
                    in.unread(peek);
                }
                byte[] plain = crypt(Cipher.DECRYPT_MODE, key, nonce, aad(fileId, index, last), sealed);
                index++;
                finished = last;
                segment = new ByteArrayInputStream(plain);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static byte[] aad(String fileId, long index, boolean last) {
        byte[] id = fileId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 9).put(id).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IOException("The encrypted file failed its integrity check", e);
        }
    }
}
