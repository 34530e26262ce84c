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
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each precise-identification rule on its own fixtures: flagged, not flagged, and a province's override. */
@LastmileIntegrationTest
class FlagIntegrationTest {

    static final int YEAR = LocalDate.now().getYear();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    Http worker;

    @BeforeEach
    void logIn() {
        worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE)), TestAccounts.PASSWORD);
    }

    private long person(int age, int category, int grade) {
        String id = Persons.freshIdNumberAged(age);
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("disabilityCategory", category);
        body.put("disabilityGrade", grade);
        body.put("certificateNumber", id + category + grade);
        body.put("certificateIssuedOn", LocalDate.now().minusYears(2).toString());
        Http.Response created = worker.post("/api/v1/persons", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void answer(long personId, Map<String, Object> answers) {
        String path = "/api/v1/persons/" + personId + "/status-needs/" + YEAR;
        String etag = worker.get(path).header("ETag");
        Http.Response saved = worker.put(path, Map.of("answers", answers), "If-Match", etag);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private List<Long> flagged(Http http, String type) {
        JsonNode page = http.get("/api/v1/flags?type=" + type + "&regionCode=" + Persons.VILLAGE + "&size=1000").json();
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(f -> ids.add(f.get("personId").asLong()));
        return ids;
    }

    @Test
    void nursingSubsidyFollowsTheGradeAndTheProvincesExtension() {
        long severe = person(40, 4, 1);
        long moderate = person(40, 5, 3);
        assertThat(flagged(worker, "NURSING_SUBSIDY")).contains(severe).doesNotContain(moderate);
        answer(severe, Map.of("S03", List.of("NURSING_SUBSIDY")));
        assertThat(flagged(worker, "NURSING_SUBSIDY")).doesNotContain(severe);

        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        Map<String, Object> extended = Map.of("params", Map.of("grades", List.of(1, 2), "extra", List.of(Map.of("category", 5, "grades", List.of(3)))));
        assertThat(county.put("/api/v1/flag-rules/NURSING_SUBSIDY/330000000000", extended).status()).as("a county may not").isEqualTo(404);
        Http province = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330000000000L), TestAccounts.PASSWORD);
        assertThat(province.put("/api/v1/flag-rules/NURSING_SUBSIDY/330000000000", Map.of("params", Map.of("grades", List.of(9)))).status())
                .isEqualTo(400);
        Http.Response set = province.put("/api/v1/flag-rules/NURSING_SUBSIDY/330000000000", extended);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        try {
            assertThat(flagged(worker, "NURSING_SUBSIDY")).as("grade-3 intellectual in Zhejiang").contains(moderate);
            JsonNode rules = worker.get("/api/v1/flag-rules").json();
            assertThat(rules).anySatisfy(r -> {
                assertThat(r.get("rule").asString()).isEqualTo("NURSING_SUBSIDY");
                assertThat(r.get("overridden").asBoolean()).isTrue();
            });
        } finally {
            assertThat(province.json("DELETE", "/api/v1/flag-rules/NURSING_SUBSIDY/330000000000", null).status()).isEqualTo(200);
        }
        assertThat(flagged(worker, "NURSING_SUBSIDY")).as("back to the national default").doesNotContain(moderate);
    }

    @Test
    void livingAllowanceAndDibaoReadTheHouseholdTagsAndIncome() {
        long dibao = person(40, 4, 3);
        long edge = person(40, 4, 3);
        long poor = person(40, 4, 3);
        answer(dibao, Map.of("S01", true));
        long household = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        worker.post("/api/v1/households/" + household + "/members", Map.of("personId", edge, "relation", "HEAD"));
        worker.put("/api/v1/households/" + household + "/tags/EDGE_HOUSEHOLD", Map.of("since", "2024-01-01", "source", "民政"));
        answer(poor, Map.of("E01", 5000));

        assertThat(flagged(worker, "LIVING_ALLOWANCE")).contains(dibao).doesNotContain(edge, poor);
        assertThat(flagged(worker, "DIBAO")).contains(edge, poor).doesNotContain(dibao);
        answer(dibao, Map.of("S03", List.of("LIVING_ALLOWANCE")));
        assertThat(flagged(worker, "LIVING_ALLOWANCE")).doesNotContain(dibao);
    }

    @Test
    void needsWithoutServiceAreFlagged() {
        long rehab = person(40, 4, 2);
        long served = person(40, 4, 2);
        long access = person(40, 4, 2);
        long care = person(30, 5, 2);
        answer(rehab, Map.of("H04", List.of("DEVICE"), "H03", List.of("THERAPY")));
        answer(served, Map.of("H04", List.of("DEVICE"), "H03", List.of("DEVICE", "THERAPY")));
        answer(access, Map.of("A01", "NO", "A02", "YES"));
        answer(care, Map.of("S07", "DAY", "S06", "NONE"));
        assertThat(flagged(worker, "REHABILITATION")).contains(rehab).doesNotContain(served);
        assertThat(flagged(worker, "HOME_ACCESSIBILITY")).contains(access).doesNotContain(rehab);
        assertThat(flagged(worker, "CUSTODIAL_CARE")).contains(care).doesNotContain(rehab);
        JsonNode flag = worker.get("/api/v1/flags?type=REHABILITATION&regionCode=" + Persons.VILLAGE + "&size=1000").json().get("items");
        assertThat(flag).anySatisfy(f -> {
            assertThat(f.get("personId").asLong()).isEqualTo(rehab);
            assertThat(f.get("evidence").get("needed").get(0).asString()).isEqualTo("DEVICE");
        });
    }

    @Test
    void theCertificateDriveFindsExpiringCertificatesAndUncertifiedMembers() {
        String id = Persons.freshIdNumberAged(50);
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("certificateIssuedOn", LocalDate.now().minusYears(10).plusDays(30).toString());
        long expiring = worker.post("/api/v1/persons", body).json().get("id").asLong();
        long head = person(40, 4, 2);
        long household = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        worker.post("/api/v1/households/" + household + "/members", Map.of("personId", head, "relation", "HEAD"));
        worker.post("/api/v1/households/" + household + "/members", Map.of("name", "王小明", "relation", "CHILD", "disabledUncertified", true));
        assertThat(flagged(worker, "CERTIFICATE_EXPIRING")).contains(expiring).doesNotContain(head);
        assertThat(flagged(worker, "UNCERTIFIED_MEMBER")).contains(head).doesNotContain(expiring);
    }

    @Test
    void anOutcomeIsKeptAndClosesTheFlag() {
        long severe = person(40, 4, 1);
        String outcome = "/api/v1/flags/NURSING_SUBSIDY/" + severe + "/outcome";
        assertThat(worker.post(outcome, Map.of("outcome", "NOT_ELIGIBLE")).status()).as("a reason is needed").isEqualTo(400);
        assertThat(worker.post(outcome, Map.of("outcome", "NOT_ELIGIBLE", "reason", "已在外省领取")).status()).isEqualTo(200);
        assertThat(flagged(worker, "NURSING_SUBSIDY")).doesNotContain(severe);
        JsonNode decided = worker.get("/api/v1/flags?type=NURSING_SUBSIDY&status=decided&regionCode=" + Persons.VILLAGE + "&size=1000").json();
        assertThat(decided.get("items")).anySatisfy(f -> {
            assertThat(f.get("personId").asLong()).isEqualTo(severe);
            assertThat(f.get("outcome").asString()).isEqualTo("NOT_ELIGIBLE");
            assertThat(f.get("reason").asString()).isEqualTo("已在外省领取");
        });
    }

    @Test
    void countsByPlaceAndNeverOutsideTheScope() {
        long severe = person(40, 4, 1);
        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        JsonNode counts = county.get("/api/v1/flags/counts?regionCode=330122000000").json();
        assertThat(counts).anySatisfy(c -> {
            assertThat(c.get("placeCode").asLong()).isEqualTo(330122002000L);
            assertThat(c.get("counts").get("NURSING_SUBSIDY").asLong()).isPositive();
        });
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.NEIGHBOUR)),
                TestAccounts.PASSWORD);
        assertThat(flagged(neighbour, "NURSING_SUBSIDY")).isEmpty();
        assertThat(neighbour.post("/api/v1/flags/NURSING_SUBSIDY/" + severe + "/outcome", Map.of("outcome", "APPLIED")).status()).isEqualTo(404);
    }
}
