package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class AuthenticationIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcClient jdbc;

    private Http.Response token(String username, String password) {
        return new Http(port).post("/api/v1/auth/token", Map.of("username", username, "password", password));
    }

    @Test
    void issuesATokenThatExpiresAndServesMe() {
        String user = TestAccounts.create(accounts, Role.FIELD_WORKER, AccessFixtures.VILLAGE);
        Http.Response response = token(user, TestAccounts.PASSWORD);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("expiresAt").asString()).isNotBlank();
        var me = new Http(port).withBearer(response.json().get("token").asString()).get("/api/v1/me").json();
        assertThat(me.get("username").asString()).isEqualTo(user);
        assertThat(me.get("roles").get(0).asString()).isEqualTo("FIELD_WORKER");
        assertThat(me.get("grants").get(0).get("regionCode").asString()).isEqualTo("330122002200");
    }

    @Test
    void theFirstStartCreatesTheThreeAdministratorsWithTheOperatorsPassword() {
        for (var admin : AdminBootstrap.ADMINS.entrySet()) {
            var account = accounts.find(admin.getKey()).orElseThrow();
            assertThat(account.grants()).containsExactly(new org.lastmile.access.Grant(admin.getValue(), null, null));
            assertThat(account.mustChangePassword()).as("LASTMILE_ADMIN_PASSWORD is the operator's choice").isFalse();
        }
        Http page = new Http(port);
        assertThat(page.loginPage("sysadmin", "Admin-Test-2026").header("Location")).endsWith("/login/second-factor");
        assertThat(token("secadmin", "Admin-Test-2026").status()).as("no token without the second factor").isEqualTo(403);
    }

    @Test
    void answersBadCredentialsTheSameWhetherTheAccountExistsOrNot() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        Http.Response wrongPassword = token(user, "Wrong-Password-1");
        Http.Response noSuchUser = token("no-such-user-" + user, "Wrong-Password-1");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(noSuchUser.status()).isEqualTo(401);
        assertThat(wrongPassword.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongPassword.json().get("detail")).isEqualTo(noSuchUser.json().get("detail"));
        assertThat(wrongPassword.json().get("type")).isEqualTo(noSuchUser.json().get("type"));
    }

    @Test
    void locksAnAccountAfterFiveFailuresForTheConfiguredTimeEvenAgainstTheRightPassword() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        for (int i = 0; i < 5; i++) {
            assertThat(token(user, "Wrong-Password-" + i).status()).isEqualTo(401);
        }
        assertThat(token(user, TestAccounts.PASSWORD).status()).as("locked").isEqualTo(401);
        Integer minutes = jdbc.sql("select round(extract(epoch from locked_until - now()) / 60)::int from access_account where username = ?")
                .param(user).query(Integer.class).single();
        assertThat(minutes).isBetween(9, 10);
        assertThat(accounts.find(user).orElseThrow().locked()).isTrue();

        // Still locked a moment before the time is up, free after it.
        jdbc.sql("update access_account set locked_until = now() + interval '5 seconds' where username = ?").param(user).update();
        assertThat(token(user, TestAccounts.PASSWORD).status()).isEqualTo(401);
        jdbc.sql("update access_account set locked_until = now() - interval '1 second' where username = ?").param(user).update();
        assertThat(token(user, TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnlockEndsALockout() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        for (int i = 0; i < 5; i++) {
            token(user, "Wrong-Password-" + i);
        }
        accounts.unlock(user);
        assertThat(token(user, TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aTemporaryPasswordMustBeChangedBeforeATokenIsIssued() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        String temporary = accounts.resetPassword(user, "test-admin");
        Http.Response refused = token(user, temporary);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        Http.Response tooSimple = new Http(port).post("/api/v1/auth/password",
                Map.of("username", user, "currentPassword", temporary, "newPassword", "simple"));
        assertThat(tooSimple.status()).isEqualTo(400);
        assertThat(tooSimple.json().get("errors")).hasSize(2);

        Http.Response changed = new Http(port).post("/api/v1/auth/password",
                Map.of("username", user, "currentPassword", temporary, "newPassword", "Changed-2026"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(token(user, "Changed-2026").status()).isEqualTo(200);
    }

    @Test
    void anExpiredPasswordMustBeChangedWhenThePolicySetsALifetime() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        jdbc.sql("update access_account set password_changed_at = now() - interval '100 days' where username = ?").param(user).update();
        assertThat(token(user, TestAccounts.PASSWORD).status()).as("no lifetime by default").isEqualTo(200);
        jdbc.sql("update access_security_policy set password_max_age_days = 90").update();
        try {
            Http.Response refused = token(user, TestAccounts.PASSWORD);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        } finally {
            jdbc.sql("update access_security_policy set password_max_age_days = null").update();
        }
    }

    @Test
    void aDisabledAccountLosesItsTokensAtOnce() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        Http http = new Http(port).withToken(user, TestAccounts.PASSWORD);
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        accounts.disable(user, "test-admin");
        assertThat(http.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(token(user, TestAccounts.PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void limitsTheRateOfAttemptsPerAccount() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            if (token(user, "Wrong-Password-" + i).status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThan(0);
    }

    @Test
    void logsInOnThePageWithCsrfAndLogsOut() {
        String user = TestAccounts.create(accounts, Role.CASE_WORKER, AccessFixtures.COUNTY);
        Http http = new Http(port);
        Http.Response withoutCsrf = new Http(port).post("/login", null);
        assertThat(withoutCsrf.status()).isIn(302, 403);
        Http.Response login = http.loginPage(user, TestAccounts.PASSWORD);
        assertThat(login.header("Location")).endsWith("/");
        assertThat(http.get("/regions").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(user).query(Long.class).single())
                .as("the session lives in the database").isEqualTo(1L);
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?").param(user)
                .query(Integer.class).single()).as("idle timeout of 30 minutes").isEqualTo(1800);
        Http.Response logout = http.postForm("/", "/logout", Map.of());
        assertThat(logout.header("Location")).endsWith("/login?logout");
        assertThat(http.get("/regions").status()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordOnThePageSaysTheSameAsAnUnknownAccount() {
        Http http = new Http(port);
        Http.Response failed = http.loginPage("nobody-here", "Wrong-Password-1");
        assertThat(failed.header("Location")).endsWith("/login?error");
        assertThat(http.get("/login?error").body()).contains("用户名或密码错误");
    }

    @Test
    void recordsEveryLoginInTheAuditTrail() {
        String user = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        token(user, "Wrong-Password-1");
        token(user, TestAccounts.PASSWORD);
        assertThat(jdbc.sql("select outcome from access_audit where account = ? and action = 'LOGIN' order by id")
                .param(user).query(String.class).list()).containsExactly("FAILURE", "SUCCESS");
    }
}
