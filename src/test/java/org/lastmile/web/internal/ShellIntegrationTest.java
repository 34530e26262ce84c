package org.lastmile.web.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class ShellIntegrationTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
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
        String cookie = switched.header("Set-Cookie");
        assertThat(cookie).contains("lastmile-lang=en");
        Http.Response later = http.get("/", "Cookie", cookie.split(";")[0]);
        assertThat(later.body()).contains("<html lang=\"en\">", "Welcome to Lastmile");
        Http.Response back = http.get("/?lang=zh-CN", "Cookie", cookie.split(";")[0]);
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
        Http.Response api = http.get("/api/v1/no-such-thing", "Accept", "text/html");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void reportsHealthUpWhenTheDatabaseIsReady() {
        Http.Response health = http.get("/actuator/health");
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
