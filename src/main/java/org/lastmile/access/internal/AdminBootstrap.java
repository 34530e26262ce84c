package org.lastmile.access.internal;

import org.lastmile.access.Role;
import org.lastmile.platform.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first start creates the three administrators (三员分立): sysadmin, secadmin, auditadmin. Their
 * password is LASTMILE_ADMIN_PASSWORD when set (the operator's choice, no forced change), otherwise a
 * random one per account, printed once here and to be changed at first login.
 */
@Component
class AdminBootstrap implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final Map<String, Role> ADMINS = Map.of("sysadmin", Role.SYSTEM_ADMIN, "secadmin", Role.SECURITY_ADMIN,
            "auditadmin", Role.AUDIT_ADMIN);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;
    private final SecurityPolicyStore policies;
    private final String adminPassword;

    AdminBootstrap(JdbcClient jdbc, PasswordEncoder passwords, TransactionTemplate tx, SecurityPolicyStore policies,
                   @Value("${lastmile.admin-password:}") String adminPassword) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.tx = tx;
        this.policies = policies;
        this.adminPassword = adminPassword;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public void run() {
        boolean chosen = adminPassword != null && !adminPassword.isBlank();
        Map<String, String> printed = new LinkedHashMap<>();
        tx.executeWithoutResult(status -> {
            for (String username : List.of("sysadmin", "secadmin", "auditadmin")) {
                boolean exists = jdbc.sql("select exists (select 1 from access_account where username = ?)")
                        .param(username).query(Boolean.class).single();
                if (exists) {
                    continue;
                }
                String password = chosen ? adminPassword : AccountService.randomPassword();
                if (chosen) {
                    var problems = policies.current().check(username, password);
                    if (!problems.isEmpty()) {
                        throw new IllegalStateException("LASTMILE_ADMIN_PASSWORD breaks the password policy ("
                                + problems.stream().map(p -> p.code()).toList() + "): 8+ characters of 3 classes, not containing the username");
                    }
                }
                long id = jdbc.sql("insert into access_account (username, display_name, password_hash, must_change_password, created_by) "
                                + "values (?, ?, ?, ?, 'system') returning id")
                        .params(username, username, passwords.encode(password), !chosen).query(Long.class).single();
                jdbc.sql("insert into access_grant (account_id, role, granted_by) values (?, ?, 'system')")
                        .params(id, ADMINS.get(username).name()).update();
                jdbc.sql("insert into access_audit (account, action, subject_type, subject_id, outcome, details) "
                                + "values ('system', 'ACCOUNT_CREATE', 'account', ?, 'SUCCESS', ?)")
                        .params(Long.toString(id), username + " (" + ADMINS.get(username) + ")").update();
                if (!chosen) {
                    printed.put(username, password);
                }
            }
        });
        if (!printed.isEmpty()) {
            StringBuilder banner = new StringBuilder("\n================ Lastmile administrators (shown once) ================\n");
            printed.forEach((u, p) -> banner.append(String.format("  %-12s %s%n", u, p)));
            banner.append("  Change each password at first login; set LASTMILE_ADMIN_PASSWORD to choose it instead.\n");
            banner.append("=======================================================================");
            System.out.println(banner);
            log.info("Created the administrator accounts {}", printed.keySet());
        }
    }
}
