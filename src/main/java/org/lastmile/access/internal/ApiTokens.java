package org.lastmile.access.internal;

import org.lastmile.access.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
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

    /** The username of a valid token's enabled account. */
    Optional<String> usernameOf(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select a.username from access_api_token t join access_account a on a.id = t.account_id
                 where t.token_hash = ? and t.revoked_at is null and t.expires_at > now() and a.enabled""")
                .param(hash(token)).query(String.class).optional();
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
