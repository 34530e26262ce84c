package org.lastmile.access.internal;

import org.lastmile.access.AuditLog;
import org.lastmile.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Checks a username and password, once for pages and API alike: the same answer whether the account
 * exists or not, a lockout after the policy's number of failures, every attempt audited.
 */
@Component
class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    enum Failure { BAD_CREDENTIALS }

    record Success(long accountId, String username, boolean mustChangePassword, boolean secondFactorRequired,
                   boolean secondFactorEnrolled) implements java.io.Serializable {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final SecurityPolicyStore policies;
    private final boolean adminSecondFactorRequired;
    private final String dummyHash;

    Authenticator(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, SecurityPolicyStore policies,
                  @Value("${lastmile.admin-2fa:required}") String adminSecondFactor) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.policies = policies;
        this.adminSecondFactorRequired = !"optional".equalsIgnoreCase(adminSecondFactor.strip());
        if (!adminSecondFactorRequired) {
            log.warn("""

                    ************************************************************************
                    *  LASTMILE_ADMIN_2FA=optional: administrators log in WITHOUT a second  *
                    *  factor. Acceptable for trials and tests only, never in production.   *
                    ************************************************************************""");
        }
        this.dummyHash = passwords.encode("timing-equaliser-" + System.nanoTime());
    }

    boolean adminSecondFactorRequired() {
        return adminSecondFactorRequired;
    }

    /** Returns the account on success; empty (and audited, and counted towards a lockout) otherwise. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = RuntimeException.class)
    public Optional<Success> authenticate(String username, String password, String channel) {
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<AccountRow> found = jdbc.sql("""
                select id, password_hash, enabled, locked_until, failed_attempts, must_change_password, password_changed_at,
                       totp_enrolled
                  from access_account where username = ? for update""")
                .param(name)
                .query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                        rs.getObject("locked_until", OffsetDateTime.class), rs.getInt("failed_attempts"),
                        rs.getBoolean("must_change_password"), rs.getObject("password_changed_at", OffsetDateTime.class),
                        rs.getBoolean("totp_enrolled")))
                .optional();
        if (found.isEmpty()) {
            passwords.matches(password == null ? "" : password, dummyHash);
            audit.recordFor(truncate(name), "LOGIN", "account", null, AuditLog.Outcome.FAILURE, channel + ": unknown account");
            return Optional.empty();
        }
        AccountRow account = found.get();
        long id = account.id();
        SecurityPolicy policy = policies.current();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(OffsetDateTime.now())) {
            passwords.matches(password == null ? "" : password, dummyHash);
            audit.recordFor(name, "LOGIN", "account", Long.toString(id), AuditLog.Outcome.FAILURE, channel + ": locked");
            return Optional.empty();
        }
        if (!account.enabled()) {
            passwords.matches(password == null ? "" : password, dummyHash);
            audit.recordFor(name, "LOGIN", "account", Long.toString(id), AuditLog.Outcome.FAILURE, channel + ": disabled");
            return Optional.empty();
        }
        if (!passwords.matches(password == null ? "" : password, account.passwordHash())) {
            int failures = account.failedAttempts() + 1;
            if (failures >= policy.lockoutThreshold()) {
                jdbc.sql("update access_account set failed_attempts = 0, locked_until = now() + make_interval(mins => ?) where id = ?")
                        .params(policy.lockoutMinutes(), id).update();
                audit.recordFor(name, "ACCOUNT_LOCK", "account", Long.toString(id), AuditLog.Outcome.SUCCESS,
                        failures + " failed logins; locked for " + policy.lockoutMinutes() + " minutes");
            } else {
                jdbc.sql("update access_account set failed_attempts = ? where id = ?").params(failures, id).update();
            }
            audit.recordFor(name, "LOGIN", "account", Long.toString(id), AuditLog.Outcome.FAILURE, channel + ": wrong password");
            return Optional.empty();
        }
        jdbc.sql("update access_account set failed_attempts = 0, locked_until = null where id = ?").param(id).update();
        audit.recordFor(name, "LOGIN", "account", Long.toString(id), AuditLog.Outcome.SUCCESS, channel);
        boolean expired = policy.passwordMaxAgeDays() != null
                && account.passwordChangedAt().plusDays(policy.passwordMaxAgeDays()).isBefore(OffsetDateTime.now());
        List<String> roles = jdbc.sql("select role from access_grant where account_id = ?").param(id).query(String.class).list();
        boolean admin = roles.stream().anyMatch(r -> Role.valueOf(r).administrator());
        return Optional.of(new Success(id, name, account.mustChangePassword() || expired,
                admin && adminSecondFactorRequired, account.totpEnrolled()));
    }

    private record AccountRow(long id, String passwordHash, boolean enabled, OffsetDateTime lockedUntil, int failedAttempts,
                              boolean mustChangePassword, OffsetDateTime passwordChangedAt, boolean totpEnrolled) {
    }

    private static String truncate(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
