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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class PersonApiIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Http worker;
    Http neighbour;

    @BeforeEach
    void logIn() {
        worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE)), TestAccounts.PASSWORD);
        neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.NEIGHBOUR)),
                TestAccounts.PASSWORD);
    }

    private JsonNode register(String idNumber) {
        Http.Response response = worker.post("/api/v1/persons", Persons.aCertifiedAdult(idNumber));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void registersAPersonAndAnswersItMaskedWithItsVersion() {
        String id = Persons.freshIdNumber();
        Http.Response response = worker.post("/api/v1/persons", Persons.aCertifiedAdult(id));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).matches(".*/api/v1/persons/\\d+");
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        JsonNode person = response.json();
        assertThat(person.get("idNumber").asString()).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(person.get("phone").asString()).isEqualTo("138****1234");
        assertThat(person.get("sex").asString()).isIn("MALE", "FEMALE");
        assertThat(person.get("birthDate").asString()).isEqualTo(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14));
        assertThat(person.get("certificateExpiresOn").asString()).isEqualTo("2030-05-19");

        String stored = jdbc.sql("select id_number || certificate_number || phone from registry_person where id = ?")
                .param(person.get("id").asLong()).query(String.class).single();
        assertThat(stored).as("stored encrypted").doesNotContain(id.substring(6, 14)).doesNotContain("1381234");
    }

    @Test
    void reportsEveryBadFieldOnceInTheRequestsLanguage() {
        Map<String, Object> body = Persons.aCertifiedAdult("110105194912310021");   // bad check character
        body.put("name", "X");
        body.put("disabilityGrade", 3);
        body.put("villageCode", "330122");
        Http.Response response = worker.post("/api/v1/persons", body, "Accept-Language", "en");
        assertThat(response.status()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        response.json().get("errors").forEach(e -> errors.add(e.get("field").asString() + " " + e.get("code").asString()));
        assertThat(errors).containsExactlyInAnyOrder("name NAME_INVALID", "idNumber ID_CHECK",
                "certificateNumber CERT_GRADE_MISMATCH", "villageCode VILLAGE_UNKNOWN");
        assertThat(response.json().get("errors").get(0).get("message").asString()).doesNotContainPattern("[\\u4e00-\\u9fff]");

        Map<String, Object> grade = Persons.aCertifiedAdult(Persons.freshIdNumber());
        grade.put("disabilityGrade", 3);
        Http.Response mismatch = worker.post("/api/v1/persons", grade);
        assertThat(mismatch.json().get("errors").get(0).get("code").asString()).isEqualTo("CERT_GRADE_MISMATCH");
    }

    @Test
    void aNeighbourCannotSeeThePersonButTheCountyHotlineCanLookItUp() {
        long personId = register(Persons.freshIdNumber()).get("id").asLong();
        assertThat(worker.get("/api/v1/persons/" + personId).status()).isEqualTo(200);
        assertThat(neighbour.get("/api/v1/persons/" + personId).status()).isEqualTo(404);
        Http hotline = new Http(port).withToken(TestAccounts.create(accounts, Role.HOTLINE_OPERATOR, 330122000000L), TestAccounts.PASSWORD);
        JsonNode looked = hotline.get("/api/v1/persons/" + personId).json();
        assertThat(looked.get("idNumber").asString()).contains("********");
        Http leader = new Http(port).withToken(TestAccounts.create(accounts, Role.LEADER, 330122000000L), TestAccounts.PASSWORD);
        assertThat(leader.get("/api/v1/persons/" + personId).status()).as("no person-level data for leaders").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'PERSON_VIEW' and subject_id = ?")
                .param(Long.toString(personId)).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void oneIdNumberIsOnePersonAndElsewhereIsSaidWithoutSayingWhere() {
        String id = Persons.freshIdNumber();
        long personId = register(id).get("id").asLong();
        Http.Response again = worker.post("/api/v1/persons", Persons.aCertifiedAdult(id));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("errors").get(0).get("code").asString()).isEqualTo("ALREADY_REGISTERED");

        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("villageCode", Persons.NEIGHBOUR);
        Http.Response elsewhere = neighbour.post("/api/v1/persons", body);
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.json().get("errors").get(0).get("code").asString()).isEqualTo("REGISTERED_ELSEWHERE");
        assertThat(elsewhere.body()).doesNotContain(Persons.VILLAGE).doesNotContain("记录 " + personId);
        assertThat(elsewhere.json().has("current")).isFalse();
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'REGISTER_CONFLICT' and subject_id = ?")
                .param(Long.toString(personId)).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aStaleChangeIsRefusedWithTheCurrentRecordNeverOverwritten() {
        long personId = register(Persons.freshIdNumber()).get("id").asLong();
        String path = "/api/v1/persons/" + personId;
        assertThat(worker.json("PATCH", path, Map.of("address", "新地址")).status()).as("If-Match is required").isEqualTo(428);

        Http.Response first = worker.json("PATCH", path, Map.of("address", "新地址 1 号"), "If-Match", "\"0\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");

        Http.Response stale = worker.json("PATCH", path, Map.of("address", "旧页面上的地址"), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("current").get("address").asString()).isEqualTo("新地址 1 号");
        assertThat(stale.header("ETag")).isEqualTo("\"1\"");
        assertThat(worker.get(path).json().get("address").asString()).isEqualTo("新地址 1 号");
    }

    @Test
    void aReassessmentNeedsTheNewCertificateAndKeepsTheOldOneInHistoryEncrypted() {
        String id = Persons.freshIdNumber();
        long personId = register(id).get("id").asLong();
        String path = "/api/v1/persons/" + personId;
        Http.Response withoutCertificate = worker.json("PATCH", path, Map.of("disabilityGrade", 1), "If-Match", "\"0\"");
        assertThat(withoutCertificate.status()).isEqualTo(400);
        assertThat(withoutCertificate.json().get("errors").get(0).get("code").asString()).isEqualTo("CERT_GRADE_MISMATCH");

        Http.Response reassessed = worker.json("PATCH", path, Map.of("disabilityGrade", 1, "certificateNumber", id + "41"),
                "If-Match", "\"0\"");
        assertThat(reassessed.status()).isEqualTo(200);
        assertThat(reassessed.json().get("certificateNumber").asString()).endsWith("41");
        String history = jdbc.sql("select change || ' ' || changes::text from registry_person_history where person_id = ? order by id desc limit 1")
                .param(personId).query(String.class).single();
        assertThat(history).startsWith("REASSESSED").contains("disabilityGrade", "certificateNumber").doesNotContain(id.substring(6, 14));
    }

    @Test
    void recordsADeathWithItsDateAndKeepsTheRecord() {
        long personId = register(Persons.freshIdNumber()).get("id").asLong();
        String path = "/api/v1/persons/" + personId;
        Http.Response noDate = worker.post(path + "/life-status", Map.of("status", "DECEASED"));
        assertThat(noDate.status()).isEqualTo(400);
        Http.Response died = worker.post(path + "/life-status", Map.of("status", "DECEASED", "date", "2026-03-01", "reason", "病故"));
        assertThat(died.status()).isEqualTo(200);
        assertThat(died.json().get("lifeStatus").asString()).isEqualTo("DECEASED");
        assertThat(worker.get(path).json().get("lifeStatusOn").asString()).isEqualTo("2026-03-01");
    }

    @Test
    void aTransferWithinTheScopeMovesTheRecordWithItsHistory() {
        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
        long personId = county.post("/api/v1/persons", body).json().get("id").asLong();
        String path = "/api/v1/persons/" + personId;
        assertThat(worker.post(path + "/transfer", Map.of("villageCode", Persons.NEIGHBOUR)).status())
                .as("the village worker may not move a person to the neighbour's village").isEqualTo(400);
        Http.Response moved = county.post(path + "/transfer", Map.of("villageCode", Persons.NEIGHBOUR));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("villageCode").asString()).isEqualTo(Persons.NEIGHBOUR);
        assertThat(worker.get(path).status()).as("gone from the old village's scope").isEqualTo(404);
        assertThat(neighbour.get(path).status()).isEqualTo(200);
        JsonNode history = county.get(path + "/history").json();
        assertThat(history).extracting(h -> h.get("change").asString()).containsExactly("CREATED", "TRANSFERRED");
        assertThat(history.get(1).get("changes").asString()).contains(Persons.VILLAGE, Persons.NEIGHBOUR);
    }

    @Test
    void aMultipleDisabilityRecordsItsPartsAndIsFoundByEachOfThem() {
        String id = Persons.freshIdNumber();
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("disabilityCategory", 7);
        body.put("disabilityGrade", 2);
        body.put("certificateNumber", id + "72");
        Http.Response missing = worker.post("/api/v1/persons", body);
        assertThat(missing.json().get("errors").get(0).get("code").asString()).isEqualTo("COMPONENTS_INVALID");
        body.put("disabilityComponents", List.of(Map.of("category", 4, "grade", 2), Map.of("category", 3, "grade", 3)));
        Http.Response created = worker.post("/api/v1/persons", body);
        assertThat(created.status()).isEqualTo(201);
        long personId = created.json().get("id").asLong();
        assertThat(created.json().get("disabilityComponents")).hasSize(2);
        for (int category : new int[] {3, 4, 7}) {
            List<Long> found = new ArrayList<>();
            worker.post("/api/v1/persons/search", Map.of("category", category, "size", 1000)).json().get("items")
                    .forEach(p -> found.add(p.get("id").asLong()));
            assertThat(found).as("category " + category).contains(personId);
        }
    }

    @Test
    void theHistoryWithholdsEncryptedValues() {
        assertThat(PersonApiController.maskEncrypted("{\"phone\": {\"from\": \"k1$AAAAAAAAAAAAAAAAAAAAAAAA\", \"to\": null}}"))
                .isEqualTo("{\"phone\": {\"from\": \"***\", \"to\": null}}");
    }

    @Test
    void theIdNumberAndTheVillageAreNotChangedByAPatch() {
        long personId = register(Persons.freshIdNumber()).get("id").asLong();
        Http.Response response = worker.json("PATCH", "/api/v1/persons/" + personId,
                Map.of("idNumber", Persons.freshIdNumber(), "villageCode", Persons.NEIGHBOUR), "If-Match", "\"0\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("code").asString()).containsExactly("NOT_CHANGEABLE", "USE_TRANSFER");
    }
}
