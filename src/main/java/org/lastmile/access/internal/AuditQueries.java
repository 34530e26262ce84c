package org.lastmile.access.internal;

import org.lastmile.access.AuditLog;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and verifying the audit trail; reading it is itself audited. */
@Component
public class AuditQueries {

    public record Filter(String account, String subject, String action, LocalDate from, LocalDate to) {
    }

    public record RecordJson(long id, Long seq, OffsetDateTime at, String account, String clientAddress, String action,
                      String subjectType, String subjectId, String purpose, String outcome, String details, boolean sealed) {
    }

    /** {@code ok} when every sealed record is intact and linked; {@code firstBrokenAt} names the first that is not. */
    public record Verification(boolean ok, long records, long unsealed, Long firstBrokenAt, String problem) {
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AuditSealer sealer;

    AuditQueries(JdbcClient jdbc, AuditLog audit, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.sealer = sealer;
    }

    @Transactional
    PageResult<RecordJson> search(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        if (filter.account() != null && !filter.account().isBlank()) {
            where.append(" and account = :account");
            params.put("account", filter.account().strip());
        }
        if (filter.subject() != null && !filter.subject().isBlank()) {
            where.append(" and subject_id = :subject");
            params.put("subject", filter.subject().strip());
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            where.append(" and action = :action");
            params.put("action", filter.action().strip());
        }
        if (filter.from() != null) {
            where.append(" and at >= :from");
            params.put("from", filter.from().atStartOfDay(ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            where.append(" and at < :to");
            params.put("to", filter.to().plusDays(1).atStartOfDay(ZONE).toOffsetDateTime());
        }
        List<RecordJson> items = jdbc.sql("select * from access_audit where " + where + " order by id desc limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> {
                    AuditSealer.AuditRow r = AuditSealer.row(rs, n);
                    return new RecordJson(r.id(), r.seq(), r.at(), r.account(), r.clientAddress(), r.action(), r.subjectType(),
                            r.subjectId(), r.purpose(), r.outcome(), r.details(), r.seq() != null);
                }).list();
        long counted = jdbc.sql("select count(*) from (select 1 from access_audit where " + where + " limit "
                + (PageResult.COUNT_LIMIT + 1) + ") c").params(params).query(Long.class).single();
        audit.record("AUDIT_SEARCH", null, null, null, AuditLog.Outcome.SUCCESS, filter.toString());
        return PageResult.of(items, counted, page.page(), page.size());
    }

    /** Seals what is pending, then walks the whole chain in sequence, streaming. */
    @Transactional
    Verification verify() {
        sealer.sealAll();
        long unsealed = jdbc.sql("select count(*) from access_audit where seq is null").query(Long.class).single();
        long[] count = {0};
        byte[][] previous = {null};
        long[] expectedSeq = {-1};
        Long[] brokenAt = {null};
        String[] problem = {null};
        jdbc.sql("select * from access_audit where seq is not null order by seq")
                .withFetchSize(1000)
                .query(rs -> {
                    if (brokenAt[0] != null) {
                        return;
                    }
                    AuditSealer.AuditRow row = AuditSealer.row(rs, 0);
                    count[0]++;
                    if (expectedSeq[0] >= 0 && row.seq() != expectedSeq[0]) {
                        brokenAt[0] = row.id();
                        problem[0] = "records missing before this one (sequence " + expectedSeq[0] + " to " + (row.seq() - 1) + ")";
                        return;
                    }
                    // The first remaining record's link is trusted: older ones may have been removed by retention.
                    if (previous[0] != null && !Arrays.equals(previous[0], row.prevHash())) {
                        brokenAt[0] = row.id();
                        problem[0] = "does not link to the record before it";
                        return;
                    }
                    if (!Arrays.equals(AuditSealer.hash(row.prevHash(), row.seq(), row), row.hash())) {
                        brokenAt[0] = row.id();
                        problem[0] = "altered after it was sealed";
                        return;
                    }
                    previous[0] = row.hash();
                    expectedSeq[0] = row.seq() + 1;
                });
        audit.record("AUDIT_VERIFY", null, null, null, brokenAt[0] == null ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE,
                brokenAt[0] == null ? null : "broken at " + brokenAt[0]);
        return new Verification(brokenAt[0] == null, count[0], unsealed, brokenAt[0], problem[0]);
    }
}
