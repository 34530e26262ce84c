package org.lastmile.registry.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Precise identification as pages: the list with its counts, recording an outcome, the province's parameters. */
@LastmileIntegrationTest
class FlagPagesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void recordsAnOutcomeFromTheListAndKeepsIt() {
        String worker = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE));
        Http api = new Http(port).withToken(worker, TestAccounts.PASSWORD);
        String id = Persons.freshIdNumberAged(45);
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("disabilityGrade", 1);
        body.put("certificateNumber", id + "41");
        long personId = api.post("/api/v1/persons", body).json().get("id").asLong();
        Http page = new Http(port);
        page.loginPage(worker, TestAccounts.PASSWORD);

        String list = page.get("/flags?type=NURSING_SUBSIDY").body();
        assertThat(list).contains("/persons/" + personId + "\"").contains("各地各规则人数").contains("护理补贴");
        String action = "/flags/NURSING_SUBSIDY/" + personId + "/outcome";
        Http.Response noReason = page.postForm("/flags?type=NURSING_SUBSIDY", action, Map.of("outcome", "REFUSED", "back", "/flags?type=NURSING_SUBSIDY"));
        assertThat(page.get(java.net.URI.create(noReason.header("Location")).getRawPath() + "?type=NURSING_SUBSIDY").body())
                .contains("href=\"#reason-NURSING_SUBSIDY-" + personId + "\"");
        page.postForm("/flags?type=NURSING_SUBSIDY", action, Map.of("outcome", "APPLIED"));
        assertThat(page.get("/flags?type=NURSING_SUBSIDY").body()).doesNotContain("/persons/" + personId + "\"");
        assertThat(page.get("/flags?type=NURSING_SUBSIDY&status=decided").body()).contains("/persons/" + personId + "\"").contains("已办理");
    }

    @Test
    void aProvincialCaseWorkerChangesTheProvincesParametersOnThePage() {
        Http county = new Http(port);
        county.loginPage(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        assertThat(county.get("/flag-rules").body()).contains("全国默认").doesNotContain("保存本省参数");

        Http province = new Http(port);
        province.loginPage(TestAccounts.create(accounts, Role.CASE_WORKER, 330000000000L), TestAccounts.PASSWORD);
        String rules = province.get("/flag-rules").body();
        assertThat(rules).contains("保存本省参数");
        Http.Response bad = province.postForm("/flag-rules", "/flag-rules/CERTIFICATE_EXPIRING/330000000000", Map.of("params", "{\"days\": 0}"));
        assertThat(bad.status()).isEqualTo(302);
        assertThat(province.get("/flag-rules?province=330000000000").body()).contains("href=\"#params-CERTIFICATE_EXPIRING\"");
        province.postForm("/flag-rules", "/flag-rules/CERTIFICATE_EXPIRING/330000000000", Map.of("params", "{\"days\": 120}"));
        assertThat(province.get("/flag-rules").body()).contains("本省参数").contains("{\"days\":120}");
        province.postForm("/flag-rules", "/flag-rules/CERTIFICATE_EXPIRING/330000000000", Map.of("reset", "true"));
        assertThat(province.get("/flag-rules").body()).doesNotContain("本省参数：");
    }
}
