package org.lastmile.registry.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status-and-needs form and the completion lists as pages. */
@LastmileIntegrationTest
class StatusNeedsPagesIntegrationTest {

    static final int YEAR = LocalDate.now().getYear();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    Http page;
    long personId;
    String path;

    @BeforeEach
    void logIn() {
        String worker = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE));
        page = new Http(port);
        page.loginPage(worker, TestAccounts.PASSWORD);
        personId = new Http(port).withToken(worker, TestAccounts.PASSWORD)
                .post("/api/v1/persons", Persons.aCertifiedAdult(Persons.freshIdNumberAged(40))).json().get("id").asLong();
        path = "/persons/" + personId + "/status-needs/" + YEAR;
    }

    private static String version(String html) {
        return html.replaceAll("(?s).*?name=\"version\" value=\"(\\d+)\".*", "$1");
    }

    @Test
    void savesATopicAndThenAsksWhatItsAnswersOpen() {
        String form = page.get(path).body();
        assertThat(form).contains("就业形式").doesNotContain("未就业的主要生活来源").doesNotContain("受教育状况");
        Http.Response saved = page.postForm(path, path, Map.of("topic", "EMPLOYMENT", "version", version(form), "item.J01", "NOT_EMPLOYED"));
        assertThat(saved.status()).isEqualTo(302);
        String after = page.get(path).body();
        assertThat(after).contains("已保存").contains("未就业的主要生活来源").contains("id=\"J01-NOT_EMPLOYED\"");
        assertThat(after.replaceAll("(?s).*(<input id=\"J01-NOT_EMPLOYED\"[^>]*>).*", "$1")).contains("checked");
    }

    @Test
    void showsEachRefusedAnswerAtItsItemAndKeepsWhatWasTyped() {
        String form = page.get(path).body();
        page.postForm(path, path, Map.of("topic", "ECONOMY", "version", version(form), "item.E01", "很多"));
        String after = page.get(path).body();
        assertThat(after).contains("href=\"#item-E01\"").contains("请填写数字").contains("value=\"很多\"");
    }

    @Test
    void listsTheVillageWithTheLeastCompleteFirstAndTheCountyByVillage() {
        String form = page.get(path).body();
        page.postForm(path, path, Map.of("topic", "HEALTH", "version", version(form), "item.H01", "NO"));
        String village = page.get("/status-needs?region=" + Persons.VILLAGE).body();
        assertThat(village).contains("/persons/" + personId + "/status-needs/" + YEAR).contains("未开始");

        Http county = new Http(port);
        county.loginPage(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        String villages = county.get("/status-needs?region=330122000000").body();
        assertThat(villages).contains("/status-needs?region=" + Persons.VILLAGE + "&year=" + YEAR);
        assertThat(page.get("/status-needs?region=" + Persons.NEIGHBOUR).body()).as("a neighbour's village lists no one")
                .contains("这里没有在册的持证残疾人");
    }

    @Test
    void theFormWeighsLessThanTheVillageWorkersBudget() {
        long bytes = page.getBytes(path).length + page.getBytes("/css/app.css").length
                + page.getBytes("/webjars/htmx.org/dist/htmx.min.js").length;
        assertThat(bytes).as("the form with its stylesheet and script, uncompressed").isLessThan(150 * 1024);
    }
}
