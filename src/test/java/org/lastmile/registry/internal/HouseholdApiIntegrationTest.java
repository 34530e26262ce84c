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
class HouseholdApiIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Http worker;

    @BeforeEach
    void logIn() {
        worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE)), TestAccounts.PASSWORD);
    }

    @Test
    void keepsAHouseholdWithItsMembersCarerAndTags() {
        long personId = worker.post("/api/v1/persons", Persons.aCertifiedAdult(Persons.freshIdNumber())).json().get("id").asLong();
        Http.Response created = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE, "address", "城南 3 号",
                "carerName", "李梅", "carerRelation", "女儿", "carerPhone", "13912345678"));
        assertThat(created.status()).isEqualTo(201);
        long householdId = created.json().get("id").asLong();
        assertThat(created.json().get("carerPhone").asString()).isEqualTo("139****5678");
        String path = "/api/v1/households/" + householdId;

        assertThat(worker.post(path + "/members", Map.of("personId", personId, "relation", "HEAD")).status()).isEqualTo(200);
        assertThat(worker.post(path + "/members", Map.of("name", "张小明", "relation", "CHILD", "disabledUncertified", true)).status())
                .isEqualTo(200);
        Http.Response secondHead = worker.post(path + "/members", Map.of("name", "王五", "relation", "HEAD"));
        assertThat(secondHead.status()).isEqualTo(400);
        assertThat(secondHead.json().get("errors").get(0).get("code").asString()).isEqualTo("ONE_HEAD");

        Http.Response tagged = worker.put(path + "/tags/DIBAO", Map.of("since", "2024-03-01", "source", "民政低保名单"));
        assertThat(tagged.status()).isEqualTo(200);
        JsonNode household = worker.get(path).json();
        assertThat(household.get("members")).hasSize(2);
        assertThat(household.get("tags").get(0).get("tag").asString()).isEqualTo("DIBAO");
        assertThat(household.get("tags").get(0).get("since").asString()).isEqualTo("2024-03-01");

        List<Long> withDibao = new ArrayList<>();
        worker.post("/api/v1/persons/search", Map.of("tag", "DIBAO", "size", 1000)).json().get("items")
                .forEach(p -> withDibao.add(p.get("id").asLong()));
        assertThat(withDibao).contains(personId);

        assertThat(worker.json("DELETE", path + "/tags/DIBAO", null).status()).isEqualTo(200);
        assertThat(worker.get(path).json().get("tags")).isEmpty();
    }

    @Test
    void aTagNamesItsHouseholdsVillageAndFollowsTheHouseholdWhenItMoves() {
        long personId = worker.post("/api/v1/persons", Persons.aCertifiedAdult(Persons.freshIdNumber())).json().get("id").asLong();
        long householdId = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        String path = "/api/v1/households/" + householdId;
        assertThat(worker.post(path + "/members", Map.of("personId", personId, "relation", "HEAD")).status()).isEqualTo(200);
        assertThat(worker.put(path + "/tags/TEKUN", Map.of("since", "2024-03-01", "source", "民政特困名单")).status()).isEqualTo(200);
        // The screening reads a place's tags by the village on the tag row (V26), through the registry's view.
        assertThat(taggedVillage(personId)).isEqualTo(Long.parseLong(Persons.VILLAGE));

        long elsewhere = jdbc.sql("select code from region_division where level = 5 and abolished_edition is null"
                + " and code between 330122000000 and 330122999999 and code <> ? order by code limit 1").param(Long.parseLong(Persons.VILLAGE))
                .query(Long.class).single();
        jdbc.sql("update registry_household set village_code = ? where id = ?").params(elsewhere, householdId).update();
        assertThat(taggedVillage(personId)).isEqualTo(elsewhere);
    }

    private long taggedVillage(long personId) {
        return jdbc.sql("select village_code from registry_v_household_tag where person_id = ? and tag = 'TEKUN'").param(personId)
                .query(Long.class).single();
    }

    @Test
    void changesTheCarerOnlyWithTheCurrentVersionAndShowsTheOtherWrite() {
        Http.Response created = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE, "carerName", "李梅"));
        String path = "/api/v1/households/" + created.json().get("id").asLong();
        String etag = created.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        assertThat(worker.json("PATCH", path, Map.of("carerName", "王芳")).status()).as("no If-Match").isEqualTo(428);
        Http.Response changed = worker.json("PATCH", path, Map.of("carerName", "王芳", "carerPhone", "13800001111", "livingAlone", true),
                "If-Match", etag);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("carerName").asString()).isEqualTo("王芳");
        assertThat(changed.json().get("carerPhone").asString()).isEqualTo("138****1111");
        assertThat(changed.json().get("livingAlone").asBoolean()).isTrue();

        Http.Response stale = worker.json("PATCH", path, Map.of("carerName", "赵强"), "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("current").get("carerName").asString()).as("the write that won").isEqualTo("王芳");
        assertThat(stale.header("ETag")).isEqualTo(changed.header("ETag"));
        Http.Response staleTag = worker.put(path + "/tags/DIBAO", Map.of("since", "2024-03-01", "source", "民政"), "If-Match", etag);
        assertThat(staleTag.status()).as("a tag with a stale If-Match").isEqualTo(412);
        assertThat(worker.get(path).json().get("tags")).isEmpty();

        Http.Response cleared = worker.json("PATCH", path, Map.of("carerPhone", ""), "If-Match", changed.header("ETag"));
        assertThat(cleared.json().get("carerPhone").isNull()).isTrue();
        assertThat(cleared.json().get("carerName").asString()).as("fields left out stay").isEqualTo("王芳");
    }

    @Test
    void refusesABadTagAndAMissingSource() {
        long householdId = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        Http.Response response = worker.put("/api/v1/households/" + householdId + "/tags/RICH", Map.of("since", "2024-01-01", "source", "x"));
        assertThat(response.status()).isEqualTo(400);
        Http.Response noSource = worker.put("/api/v1/households/" + householdId + "/tags/TEKUN", Map.of("since", "2024-01-01"));
        assertThat(noSource.json().get("errors").get(0).get("code").asString()).isEqualTo("SOURCE_REQUIRED");
    }

    @Test
    void aNeighbourNeitherSeesNorChangesTheHousehold() {
        long householdId = worker.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.NEIGHBOUR)),
                TestAccounts.PASSWORD);
        assertThat(neighbour.get("/api/v1/households/" + householdId).status()).isEqualTo(404);
        assertThat(neighbour.put("/api/v1/households/" + householdId + "/tags/DIBAO", Map.of("since", "2024-01-01", "source", "x"))
                .status()).isEqualTo(404);
    }

    @Test
    void theDemoCountysHouseholdsCarryTagsInPlausibleShares() {
        long households = jdbc.sql("select count(*) from registry_household where village_code between 330122000000 and 330122999999")
                .query(Long.class).single();
        long dibao = jdbc.sql("""
                select count(*) from registry_household_tag t join registry_household h on h.id = t.household_id
                 where t.tag = 'DIBAO' and h.village_code between 330122000000 and 330122999999""").query(Long.class).single();
        assertThat(households).isGreaterThan(15_000);
        assertThat((double) dibao / households).isBetween(0.05, 0.11);
    }
}
