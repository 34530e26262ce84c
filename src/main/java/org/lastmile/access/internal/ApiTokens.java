package org.lastmile.access.internal;

import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Opaque bearer tokens: 256 random bits handed out once, kept only as their SHA-256. */
@Component
class ApiTokens {

    record Issued(String token, OffsetDateTime expiresAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, AuditLog audit, @Value("${lastmile.api-token-lifetime:PT8H}") Duration lifetime) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lifetime = lifetime;
    }

    Issued issue(long accountId, String username) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime expiresAt = jdbc.sql("insert into access_api_token (token_hash, account_id, expires_at) "
                        + "values (?, ?, now() + make_interval(secs => ?)) returning expires_at")
                .params(hash(token), accountId, (double) lifetime.toSeconds()).query(OffsetDateTime.class).single();
        audit.recordFor(username, "TOKEN_ISSUE", "account", Long.toString(accountId), AuditLog.Outcome.SUCCESS, null);
        return new Issued(token, expiresAt);
    }

    /**
     * The user of a valid token's enabled account, with the grants as they stand now: one statement for what took
     * three (token, account, grants) on every API request.
     */
    Optional<CurrentUser> userOf(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        List<Object[]> rows = jdbc.sql("""
                        select a.id, a.username, a.display_name, g.role, g.region_code, g.department_id
                          from access_api_token t join access_account a on a.id = t.account_id
                          left join access_grant g on g.account_id = a.id
                         where t.token_hash = ? and t.revoked_at is null and t.expires_at > now() and a.enabled
                         order by g.id""")
                .param(hash(token))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5),
                        rs.getObject(6)}).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Grant> grants = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[3] != null) {
                grants.add(new Grant(Role.valueOf((String) row[3]), (Long) row[4], (Long) row[5]));
            }
        }
        return Optional.of(new CurrentUser((Long) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2], grants));
    }

    void revoke(String token) {
        jdbc.sql("update access_api_token set revoked_at = now() where token_hash = ? and revoked_at is null").param(hash(token)).update();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
