package org.lastmile.access.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Links committed audit records into one hash chain, in batches, so that writing an audit record
 * never waits on another request: each record gets the next {@code seq}, the previous record's hash,
 * and {@code hash = SHA-256(prev_hash | canonical record)}. A transaction-level advisory lock makes
 * one node seal at a time. Records are chained in the order the sealer sees them committed.
 *
 * <p>What verification then guarantees: every sealed record is unchanged since sealing and none was
 * removed or inserted between two sealed ones; a record is unprotected only for the seconds between
 * its commit and the next sealing run (and the database refuses updates and deletes meanwhile).
 */
@Component
class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final long LOCK_KEY = 0x4c4d_4155_4449_54L; // "LMAUDIT"
    private static final int BATCH = 5000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    AuditSealer(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${lastmile.audit.seal-interval:PT2S}")
    void sealPeriodically() {
        try {
            seal(false);
        } catch (RuntimeException e) {
            log.warn("Sealing the audit trail failed; will retry: {}", e.getMessage());
        }
    }

    /** Seals everything committed so far, waiting for another node's sealing run if one is busy. */
    int sealAll() {
        return seal(true);
    }

    private int seal(boolean wait) {
        int total = 0;
        int sealed;
        do {
            Integer batch = tx.execute(status -> sealBatch(wait));
            sealed = batch == null ? 0 : batch;
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    private int sealBatch(boolean wait) {
        if (wait) {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().listOfRows();
        } else if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK_KEY).query(Boolean.class).single()) {
            return 0;
        }
        List<Map<String, Object>> last = jdbc.sql("select seq, hash from access_audit where seq is not null order by seq desc limit 1")
                .query().listOfRows();
        long seq = last.isEmpty() ? 0 : ((Number) last.get(0).get("seq")).longValue();
        byte[] previous = last.isEmpty() ? new byte[32] : (byte[]) last.get(0).get("hash");
        List<AuditRow> rows = jdbc.sql("select * from access_audit where seq is null order by id limit " + BATCH)
                .query(AuditSealer::row).list();
        for (AuditRow row : rows) {
            seq++;
            byte[] hash = hash(previous, seq, row);
            jdbc.sql("update access_audit set seq = ?, prev_hash = ?, hash = ? where id = ?")
                    .params(seq, previous, hash, row.id()).update();
            previous = hash;
        }
        return rows.size();
    }

    static byte[] hash(byte[] previous, long seq, AuditRow row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(canonical(seq, row).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field, length-prefixed so that no two different records read the same. */
    private static String canonical(long seq, AuditRow row) {
        StringBuilder s = new StringBuilder();
        for (Object field : new Object[] {seq, row.id(), row.at().toInstant().toString(), row.account(), row.clientAddress(),
                row.action(), row.subjectType(), row.subjectId(), row.purpose(), row.outcome(), row.details()}) {
            String text = field == null ? "\u0000" : field.toString();
            s.append(text.length()).append(':').append(text).append('|');
        }
        return s.toString();
    }

    static AuditRow row(ResultSet rs, int n) throws SQLException {
        return new AuditRow(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("account"),
                rs.getString("client_address"), rs.getString("action"), rs.getString("subject_type"),
                rs.getString("subject_id"), rs.getString("purpose"), rs.getString("outcome"), rs.getString("details"),
                (Long) rs.getObject("seq"), rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }

    record AuditRow(long id, OffsetDateTime at, String account, String clientAddress, String action, String subjectType,
                    String subjectId, String purpose, String outcome, String details, Long seq, byte[] prevHash, byte[] hash) {
        String hashHex() {
            return hash == null ? null : HexFormat.of().formatHex(hash);
        }
    }
}
