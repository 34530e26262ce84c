package org.lastmile.region.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class RegionApiIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    Http http;

    @BeforeEach
    void setUp() {
        String leader = TestAccounts.create(accounts, Role.LEADER, 330000000000L);
        http = new Http(port).withToken(leader, TestAccounts.PASSWORD);
    }

    @Test
    void requiresAToken() {
        Http.Response response = new Http(port).get("/api/v1/regions/33");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new Http(port).withBearer("not-a-token").get("/api/v1/regions/33").status()).isEqualTo(401);
    }

    @Test
    void answersAPlaceWithLevelParentAndPathToTheRoot() {
        JsonNode village = http.get("/api/v1/regions/330106002051").json();
        assertThat(village.get("code").asString()).isEqualTo("330106002051");
        assertThat(village.get("name").asString()).isEqualTo("上保社区");
        assertThat(village.get("level").asString()).isEqualTo("VILLAGE");
        assertThat(village.get("parentCode").asString()).isEqualTo("330106002000");
        assertThat(names(village.get("path"))).containsExactly("浙江省", "杭州市", "西湖区", "北山街道", "上保社区");
    }

    @Test
    void acceptsCodesOfEveryLengthAndNormalisesThemToTwelveDigits() {
        assertThat(http.get("/api/v1/regions/33").json().get("code").asString()).isEqualTo("330000000000");
        assertThat(http.get("/api/v1/regions/3301").json().get("code").asString()).isEqualTo("330100000000");
        assertThat(http.get("/api/v1/regions/330106").json().get("code").asString()).isEqualTo("330106000000");
        assertThat(http.get("/api/v1/regions/330106002").json().get("code").asString()).isEqualTo("330106002000");
    }

    @Test
    void leavesPlaceholderPrefecturesOutOfThePath() {
        JsonNode dongcheng = http.get("/api/v1/regions/110101").json();
        assertThat(names(dongcheng.get("path"))).containsExactly("北京市", "东城区");
        assertThat(dongcheng.get("parentCode").asString()).isEqualTo("110000000000");
    }

    @Test
    void answersAnUnknownCodeWithNotFoundProblem() {
        Http.Response response = http.get("/api/v1/regions/999999");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).contains("999999");
    }

    @Test
    void answersAMalformedCodeWithBadRequestNamingTheField() {
        for (String bad : List.of("3301220", "33O1", "1234567890123")) {
            Http.Response response = http.get("/api/v1/regions/" + bad, "Accept-Language", "en");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("code");
            assertThat(error.get("code").asString()).isEqualTo("INVALID_REGION_CODE");
            assertThat(error.get("message").asString()).contains("is not a division code");
        }
    }

    @Test
    void speaksTheLanguageTheRequestAsksFor() {
        assertThat(http.get("/api/v1/regions/999999").json().get("detail").asString()).contains("没有代码为");
        assertThat(http.get("/api/v1/regions/999999", "Accept-Language", "en-GB,en;q=0.8").json().get("detail").asString())
                .contains("There is no place");
    }

    @Test
    void listsChildrenByPages() {
        JsonNode page = http.get("/api/v1/regions/330122/children?size=5").json();
        assertThat(page.get("total").asLong()).isEqualTo(14);
        assertThat(page.get("items")).hasSize(5);
        assertThat(page.get("items").get(0).get("level").asString()).isEqualTo("TOWNSHIP");
        JsonNode last = http.get("/api/v1/regions/330122/children?size=5&page=2").json();
        assertThat(last.get("items")).hasSize(4);
        assertThat(http.get("/api/v1/regions/999999/children").status()).isEqualTo(404);
    }

    @Test
    void listsTheProvincesWithoutAQuery() {
        JsonNode page = http.get("/api/v1/regions").json();
        assertThat(page.get("total").asLong()).isEqualTo(31);
    }

    @Test
    void searchesNamesExactMatchesFirst() {
        JsonNode page = http.get("/api/v1/regions?q=" + encode("桐庐县")).json();
        assertThat(page.get("items").get(0).get("code").asString()).isEqualTo("330122000000");
        JsonNode within = http.get("/api/v1/regions?q=" + encode("上保") + "&regionCode=330106&level=VILLAGE").json();
        assertThat(within.get("total").asLong()).isEqualTo(1);
        assertThat(within.get("items").get(0).get("name").asString()).isEqualTo("上保社区");
    }

    @Test
    void capsTheCountOfVeryCommonNames() {
        JsonNode page = http.get("/api/v1/regions?q=" + encode("村") + "&size=1").json();
        assertThat(page.get("totalIsLowerBound").asBoolean()).isTrue();
        assertThat(page.get("total").asLong()).isEqualTo(10_000);
    }

    @Test
    void rejectsAnUnknownLevelFilter() {
        Http.Response response = http.get("/api/v1/regions?q=x&level=CITY");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("level");
    }

    @Test
    void documentsTheApiWithOpenApi() {
        Http.Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/regions/{code}");
    }

    private static List<String> names(JsonNode path) {
        List<String> names = new ArrayList<>();
        path.forEach(step -> names.add(step.get("name").asString()));
        return names;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
