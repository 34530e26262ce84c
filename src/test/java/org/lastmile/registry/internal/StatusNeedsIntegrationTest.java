package org.lastmile.registry.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.registry.StatusNeeds;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class StatusNeedsIntegrationTest {

    static final int YEAR = LocalDate.now().getYear();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StatusNeeds statusNeeds;

    Http worker;
    String username;
    long personId;
    String path;

    @BeforeEach
    void registerSomeone() {
        username = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE));
        worker = new Http(port).withToken(username, TestAccounts.PASSWORD);
        // Forty years old, physical disability grade 2: asked about work, not about school.
        personId = worker.post("/api/v1/persons", Persons.aCertifiedAdult(Persons.freshIdNumberAged(40))).json().get("id").asLong();
        path = "/api/v1/persons/" + personId + "/status-needs/" + YEAR;
    }

    private CurrentUser user() {
        return new CurrentUser(0, username, "测试", List.of(new Grant(Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE), null)));
    }

    private static JsonNode item(JsonNode record, String code) {
        for (JsonNode item : record.get("items")) {
            if (item.get("code").asString().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no item " + code);
    }

    private Http.Response put(Map<String, Object> answers, String etag) {
        return etag == null ? worker.put(path, Map.of("answers", answers)) : worker.put(path, Map.of("answers", answers), "If-Match", etag);
    }

    @Test
    void servesTheDefinitionThatAppliesToTheYear() {
        JsonNode form = worker.get("/api/v1/forms/status-needs?year=" + YEAR).json();
        assertThat(form.get("topics")).hasSize(8);
        assertThat(form.get("version").asInt()).isEqualTo(1);
        assertThat(worker.get("/api/v1/forms/status-needs?year=1990").status()).isEqualTo(404);
    }

    @Test
    void savesPartlyWithSourceAndAuthorAndCountsCompleteness() {
        JsonNode empty = worker.get(path).json();
        assertThat(empty.get("answered").asInt()).as("only the tag items are known").isEqualTo(2);
        assertThat(put(Map.of("J01", "NOT_EMPLOYED"), null).status()).as("without If-Match").isEqualTo(428);

        Http.Response saved = put(Map.of("J01", "NOT_EMPLOYED", "J02", "FAMILY", "E01", 8000), "\"0\"");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode record = saved.json();
        assertThat(item(record, "J02").get("value").asString()).isEqualTo("FAMILY");
        assertThat(item(record, "J02").get("source").asString()).isEqualTo("SURVEY");
        assertThat(item(record, "J02").get("answeredBy").asString()).isEqualTo(username);
        assertThat(item(record, "D01").get("asked").asBoolean()).as("schooling is not asked of an adult").isFalse();
        assertThat(record.get("answered").asInt()).isEqualTo(5);
        assertThat(record.get("asked").asInt()).isGreaterThan(5);
        assertThat(saved.header("ETag")).isEqualTo("\"" + record.get("version").asLong() + "\"");
        assertThat(jdbc.sql("select answered from registry_status_record where person_id = ? and year = ?").params(personId, YEAR)
                .query(Integer.class).single()).isEqualTo(5);

        long rows = saves();
        assertThat(put(Map.of("J01", "NOT_EMPLOYED", "J02", "FAMILY", "E01", 8000.0), saved.header("ETag")).status()).isEqualTo(200);
        assertThat(saves()).as("a retried save writes nothing").isEqualTo(rows);
    }

    @Test
    void rejectsEachAnswerThatDoesNotFitWithItsReason() {
        Http.Response refused = put(Map.of("J01", "GOLFING", "X99", "1", "D01", "IN_SCHOOL", "E01", -5), "\"0\"");
        assertThat(refused.status()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        refused.json().get("errors").forEach(e -> errors.add(e.get("field").asString() + " " + e.get("code").asString()));
        assertThat(errors).containsExactlyInAnyOrder("J01 OPTION_INVALID", "X99 ITEM_UNKNOWN", "D01 ITEM_NOT_ASKED", "E01 OUT_OF_RANGE");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(saves()).isZero();
    }

    @Test
    void refusesAChangeToAnItemAnsweredMeanwhileButNotToAnother() {
        String etag = put(Map.of("H01", "NO"), "\"0\"").header("ETag");
        Http.Response first = put(Map.of("H01", "YES"), etag);
        assertThat(first.status()).isEqualTo(200);
        Http.Response stale = put(Map.of("H01", "NO"), etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(item(stale.json().get("current"), "H01").get("value").asString()).isEqualTo("YES");
        assertThat(put(Map.of("C01", "NO"), etag).status()).as("another item, answered by no one meanwhile").isEqualTo(200);
    }

    @Test
    void startsFromLastYearsAnswersToConfirm() {
        statusNeeds.record(personId, Map.of("S05", "RESIDENT", "A01", "NO"), LocalDate.of(YEAR - 1, 12, 31), StatusNeeds.Source.SURVEY, user());
        JsonNode record = worker.get(path).json();
        assertThat(item(record, "S05").get("value").asString()).isEqualTo("RESIDENT");
        assertThat(item(record, "S05").get("carried").asBoolean()).isTrue();
        assertThat(item(record, "A02").get("asked").asBoolean()).as("skip rules read the carried answer").isTrue();
        int before = record.get("answered").asInt();
        JsonNode confirmed = put(Map.of("S05", "RESIDENT"), "\"" + record.get("version").asLong() + "\"").json();
        assertThat(item(confirmed, "S05").get("carried").asBoolean()).isFalse();
        assertThat(confirmed.get("answered").asInt()).isEqualTo(before + 1);
    }

    @Test
    void aTagItemIsTheHouseholdTagItself() {
        JsonNode record = put(Map.of("S01", true), "\"0\"").json();
        assertThat(item(record, "S01").get("value").asBoolean()).isTrue();
        assertThat(jdbc.sql("select source from registry_household_tag t join registry_household_member m on m.household_id = t.household_id"
                + " where m.person_id = ? and t.tag = 'DIBAO'").param(personId).query(String.class).single()).isEqualTo("动态更新");
        assertThat(jdbc.sql("select count(*) from registry_status_save where person_id = ? and answers -> 'S01' is not null").param(personId)
                .query(Long.class).single()).as("never kept twice").isZero();
        assertThat(item(put(Map.of("S01", false), "\"0\"").json(), "S01").get("value").asBoolean()).isFalse();
    }

    @Test
    void anotherModulesAnswerLandsWithItsSource() {
        statusNeeds.record(personId, Map.of("H04", List.of("DEVICE")), LocalDate.now(), StatusNeeds.Source.VISIT, user());
        JsonNode h04 = item(worker.get(path).json(), "H04");
        assertThat(h04.get("source").asString()).isEqualTo("VISIT");
        assertThat(h04.get("value").get(0).asString()).isEqualTo("DEVICE");
        assertThat(jdbc.sql("select (answers -> 'H04')::text from registry_status_current where person_id = ?").param(personId)
                .query(String.class).single()).isEqualTo("[\"DEVICE\"]");
    }

    @Test
    void aLateAnswerForAnEarlierYearDoesNotReplaceANewerOne() {
        statusNeeds.record(personId, Map.of("H01", "YES", "C01", "NO"), LocalDate.now(), StatusNeeds.Source.VISIT, user());
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("C01", null);
        statusNeeds.record(personId, cleared, LocalDate.now(), StatusNeeds.Source.VISIT, user());
        statusNeeds.record(personId, Map.of("H01", "NO", "C01", "YES", "A01", "NO"), LocalDate.of(YEAR - 1, 6, 1), StatusNeeds.Source.SURVEY, user());

        assertThat(statusNeeds.latest(personId, user())).as("this year's answer stands, this year's clearing too; the new item is taken")
                .containsEntry("H01", "YES").containsEntry("A01", "NO").doesNotContainKey("C01");
        assertThat(jdbc.sql("select answers::text from registry_status_save where person_id = ? and answers -> 'C01' is not null order by id").param(personId)
                .query(String.class).list()).as("each save keeps its items, a cleared one as null")
                .containsExactly("{\"C01\": \"NO\", \"H01\": \"YES\"}", "{\"C01\": null}", "{\"A01\": \"NO\", \"C01\": \"YES\", \"H01\": \"NO\"}");
        JsonNode lastYear = worker.get("/api/v1/persons/" + personId + "/status-needs/" + (YEAR - 1)).json();
        assertThat(item(lastYear, "H01").get("value").asString()).as("last year's record shows last year's answer").isEqualTo("NO");
        assertThat(item(worker.get(path).json(), "C01").get("value").isNull()).as("this year's record shows the clearing").isTrue();
    }

    @Test
    void aLateAnswerForAnEarlierYearReplacesAnOlderOne() {
        statusNeeds.record(personId, Map.of("S05", "RESIDENT"), LocalDate.of(YEAR - 2, 3, 1), StatusNeeds.Source.SURVEY, user());
        statusNeeds.record(personId, Map.of("S05", "URBAN_WORKER"), LocalDate.of(YEAR - 1, 3, 1), StatusNeeds.Source.SURVEY, user());
        assertThat(statusNeeds.latest(personId, user())).containsEntry("S05", "URBAN_WORKER");
        statusNeeds.record(personId, Map.of("S05", "NONE"), LocalDate.of(YEAR - 2, 9, 1), StatusNeeds.Source.SURVEY, user());
        assertThat(statusNeeds.latest(personId, user())).as("a later save of the older year does not replace the newer year's")
                .containsEntry("S05", "URBAN_WORKER");
        assertThat(item(worker.get("/api/v1/persons/" + personId + "/status-needs/" + (YEAR - 2)).json(), "S05").get("value").asString())
                .isEqualTo("NONE");
    }

    @Test
    void aNeighbourNeitherReadsNorWrites() {
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.NEIGHBOUR)),
                TestAccounts.PASSWORD);
        assertThat(neighbour.get(path).status()).isEqualTo(404);
        assertThat(neighbour.put(path, Map.of("answers", Map.of("H01", "NO")), "If-Match", "\"0\"").status()).isEqualTo(404);
        worker.get(path);
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'STATUS_NEEDS_VIEW' and subject_id = ?")
                .param(Long.toString(personId)).query(Long.class).single()).isPositive();
    }

    private long saves() {
        return jdbc.sql("select count(*) from registry_status_save where person_id = ?").param(personId).query(Long.class).single();
    }
}
