package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator's first page login enrols TOTP; later logins ask for the code; nothing opens before it. */
@LastmileIntegrationTest
class SecondFactorPageIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    @Test
    void enrolsAtFirstLoginThenAsksForTheCodeEveryTime() {
        String admin = TestAccounts.create(accounts, List.of(new Grant(Role.AUDIT_ADMIN, null, null)));
        Http http = new Http(port);
        assertThat(http.loginPage(admin, TestAccounts.PASSWORD).header("Location")).endsWith("/login/second-factor");
        assertThat(http.get("/admin/audit").header("Location")).as("nothing opens before the second factor")
                .endsWith("/login/second-factor");

        String page = http.get("/login/second-factor").body();
        assertThat(page).contains("data:image/png;base64,");
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
        assertThat(secret.find()).isTrue();

        assertThat(http.postForm("/login/second-factor", "/login/second-factor", Map.of("code", "12345x")).body())
                .contains("验证码不正确");
        Http.Response ok = http.postForm("/login/second-factor", "/login/second-factor",
                Map.of("code", AccessFixtures.code(secret.group(1))));
        assertThat(ok.header("Location")).endsWith("/");
        assertThat(http.get("/admin/audit").status()).isEqualTo(200);

        Http again = new Http(port);
        again.loginPage(admin, TestAccounts.PASSWORD);
        String ask = again.get("/login/second-factor").body();
        assertThat(ask).doesNotContain("data:image/png").contains("id=\"code\"");
        again.postForm("/login/second-factor", "/login/second-factor", Map.of("code", AccessFixtures.code(secret.group(1))));
        assertThat(again.get("/admin/audit").status()).isEqualTo(200);
    }

    @Test
    void aTemporaryPasswordLeadsToThePasswordPageFirst() {
        String user = TestAccounts.create(accounts, Role.CASE_WORKER, AccessFixtures.COUNTY);
        String temporary = accounts.resetPassword(user, "test-admin");
        Http http = new Http(port);
        assertThat(http.loginPage(user, temporary).header("Location")).endsWith("/account/password");
        assertThat(http.get("/regions").header("Location")).endsWith("/account/password");
        String mismatch = http.postForm("/account/password", "/account/password",
                Map.of("currentPassword", temporary, "newPassword", "Better-2026", "confirmPassword", "Other-2026")).body();
        assertThat(mismatch).contains("两次输入的新密码不一致", "href=\"#confirmPassword\"");
        http.postForm("/account/password", "/account/password",
                Map.of("currentPassword", temporary, "newPassword", "Better-2026", "confirmPassword", "Better-2026"));
        assertThat(http.get("/regions").status()).isEqualTo(200);
    }
}
