package org.lastmile.web.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class ShellIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    Http http;

    @BeforeEach
    void setUp() {
        String user = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
        http = new Http(port);
        assertThat(http.loginPage(user, TestAccounts.PASSWORD).header("Location")).endsWith("/");
    }

    @Test
    void sendsPeopleWhoAreNotLoggedInToTheLoginPage() {
        Http.Response response = new Http(port).get("/regions");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/login");
        Http.Response login = new Http(port).get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<html lang=\"zh-CN\">", "name=\"_csrf\"", "autocomplete=\"current-password\"");
    }

    @Test
    void sendsTheSecurityHeaders() {
        Http.Response page = http.get("/");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(new Http(port).get("/api/v1/regions").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void speaksChineseByDefaultWhateverTheBrowserPrefers() {
        Http.Response home = http.get("/", "Accept-Language", "en-US,en;q=0.9");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"zh-CN\">", "欢迎使用", "跳到主要内容");
    }

    @Test
    void switchesToEnglishAndRemembersTheChoice() {
        Http.Response switched = http.get("/regions?lang=en");
        assertThat(switched.body()).contains("<html lang=\"en\">", "Skip to main content", "Provinces (31)");
        assertThat(switched.header("Set-Cookie")).contains("lastmile-lang=en");
        Http.Response later = http.get("/");
        assertThat(later.body()).contains("<html lang=\"en\">", "Welcome to Lastmile");
        Http.Response back = http.get("/?lang=zh-CN");
        assertThat(back.body()).contains("<html lang=\"zh-CN\">");
        assertThat(back.header("Set-Cookie")).contains("lastmile-lang=zh-CN");
    }

    @Test
    void everyPageHasTheLandmarksAndTheSkipLink() {
        for (String path : new String[] {"/", "/regions", "/regions/330122", "/regions/search?q=%E6%A1%90%E5%BA%90"}) {
            String body = http.get(path).body();
            assertThat(body).as(path).contains("<a class=\"skip-link\" href=\"#main\">", "<header", "<nav", "<main id=\"main\"",
                    "<footer", "<h1>");
            assertThat(body.split("<h1").length - 1).as(path + " has one h1").isEqualTo(1);
            assertThat(body).as(path + " has no inline script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        }
    }

    @Test
    void servesEveryAssetFromTheJar() {
        assertThat(http.get("/css/app.css").status()).isEqualTo(200);
        assertThat(http.get("/favicon.svg").status()).isEqualTo(200);
        Http.Response htmx = http.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }

    @Test
    void showsAnErrorPageToPeopleAndAProblemToPrograms() {
        Http.Response page = http.get("/no-such-page", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "找不到");
        Http.Response regionPage = http.get("/regions/999999", "Accept", "text/html");
        assertThat(regionPage.status()).isEqualTo(404);
        Http.Response api = new Http(port).get("/api/v1/no-such-thing", "Accept", "text/html");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void reportsHealthUpWhenTheDatabaseIsReady() {
        Http.Response health = new Http(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void drillsFromTheNationToAVillageShowingThePath() {
        String county = http.get("/regions/330122").body();
        assertThat(county).contains("浙江省", "杭州市", "桐庐县", "下级区划（共 14 个）", "桐庐县残疾人联合会");
        String village = http.get("/regions/330106002051").body();
        assertThat(village).contains("北山街道", "上保社区", "村（社区）残疾人协会", "aria-current=\"page\"");
    }
}
