package org.lastmile.access.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class SecurityPolicyStore {

    private final JdbcClient jdbc;

    SecurityPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SecurityPolicy current() {
        return jdbc.sql("select min_password_length, lockout_threshold, lockout_minutes, password_max_age_days from access_security_policy where id = 1")
                .query((rs, n) -> new SecurityPolicy(rs.getInt(1), rs.getInt(2), rs.getInt(3), (Integer) rs.getObject(4)))
                .single();
    }

    void update(SecurityPolicy policy, String actor) {
        jdbc.sql("""
                update access_security_policy set min_password_length = ?, lockout_threshold = ?, lockout_minutes = ?,
                       password_max_age_days = ?, updated_at = now(), updated_by = ? where id = 1""")
                .params(policy.minPasswordLength(), policy.lockoutThreshold(), policy.lockoutMinutes(), policy.passwordMaxAgeDays(), actor)
                .update();
    }
}
