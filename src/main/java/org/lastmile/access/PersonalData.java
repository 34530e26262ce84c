package org.lastmile.access;

import java.util.List;

/**
 * Personal numbers at rest: every value that contains a resident ID number (the ID, the certificate
 * number, their history) and every phone number is stored encrypted (AES-256-GCM) beside keyed-hash
 * blind indexes that serve exact lookups. Modules register their encrypted columns
 * ({@link EncryptedColumn}) so that a key rotation re-encrypts them.
 */
public interface PersonalData {

    /** Lookups a blind index serves. */
    enum IndexKind { ID_NUMBER, ID_TAIL6, ID_TAIL4, PHONE, PHONE_TAIL4 }

    /** Null in, null out. */
    String encrypt(String plaintext);

    String decrypt(String ciphertext);

    /** The blind index of a normalised value under the current key. */
    byte[] blindIndex(IndexKind kind, String normalisedValue);

    /**
     * The blind indexes of a value under every key of the keyring, for lookups that must also find
     * rows not yet re-indexed while a key rotation runs: {@code index_column = any(?)}.
     */
    List<byte[]> blindIndexCandidates(IndexKind kind, String normalisedValue);

    /** A column that holds ciphertext, with the blind indexes computed from it. */
    record EncryptedColumn(String table, String idColumn, String column, List<DerivedIndex> indexes) {
    }

    /** A blind-index column and how its value derives from the plaintext. */
    record DerivedIndex(String column, IndexKind kind) {
    }
}
