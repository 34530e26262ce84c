package org.lastmile.campaign.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.campaign.DifficultyReported;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A campaign from the 2020 template through screening, the village's review, visits and coverage. */
@LastmileIntegrationTest
@RecordApplicationEvents
class CampaignIntegrationTest {

    static final String VILLAGE = "330122002200";
    static final String NEIGHBOUR = "330122002201";

    @LocalServerPort
    int port;
    @Autowired
    private org.lastmile.reporting.Rollups rollups;

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    VisitService visits;
    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    Http county;
    Http worker;
    String workerName;

    @BeforeEach
    void logIn() {
        county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        workerName = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(VILLAGE));
        worker = new Http(port).withToken(workerName, TestAccounts.PASSWORD);
    }

    private long campaign() {
        Http.Response created = county.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "330122",
                "startsOn", LocalDate.now().minusDays(10).toString(), "endsOn", LocalDate.now().plusDays(60).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void screen(long id) {
        Http.Response started = county.post("/api/v1/campaigns/" + id + "/screen", Map.of());
        assertThat(started.status()).isEqualTo(202);
        JsonNode job = county.awaitJob(started.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
    }

    /** A person of the village with a household carrying the tag (or none). */
    private long person(String tag) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "赵六", "disabilityCategory", 4, "disabilityGrade", 2, "villageCode", VILLAGE));
        String id = freshId();
        body.put("idNumber", id);
        body.put("certificateNumber", id + "42");
        long personId = worker.post("/api/v1/persons", body).json().get("id").asLong();
        if (tag != null) {
            long household = worker.post("/api/v1/households", Map.of("villageCode", VILLAGE)).json().get("id").asLong();
            worker.post("/api/v1/households/" + household + "/members", Map.of("personId", personId, "relation", "HEAD"));
            worker.put("/api/v1/households/" + household + "/tags/" + tag, Map.of("since", "2020-02-01", "source", "卫健部门名单"));
        }
        return personId;
    }

    private static String freshId() {
        String first17 = "339901" + LocalDate.of(1960, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(15000))
                .toString().replace("-", "") + String.format("%03d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1000));
        return first17 + org.lastmile.registry.IdNumber.checkCharacter(first17);
    }

    private JsonNode target(long campaign, long personId, Http http, String status) {
        JsonNode page = http.get("/api/v1/campaigns/" + campaign + "/targets?regionCode=" + VILLAGE + "&size=1000"
                + (status == null ? "" : "&status=" + status)).json();
        for (JsonNode t : page.get("items")) {
            if (t.get("personId").asLong() == personId) {
                return t;
            }
        }
        return null;
    }

    @Test
    void refusesBadRulesAndPlacesOutsideTheUsersOwn() {
        Http.Response bad = county.post("/api/v1/campaigns", Map.of("name", "试", "ownerCode", "330122", "startsOn", "2026-01-01",
                "endsOn", "2026-02-01", "rules", Map.of("match", "ANY", "criteria", List.of(Map.of("name", "x", "match", "ALL",
                        "conditions", List.of(Map.of("field", "income", "op", "eq", "value", 1)))))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("rules.criteria[0].conditions[0]");
        assertThat(bad.json().get("errors").get(0).get("code").asString()).isEqualTo("FIELD_UNKNOWN");
        Http.Response elsewhere = county.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "330106",
                "startsOn", "2026-01-01", "endsOn", "2026-02-01"));
        assertThat(elsewhere.json().get("errors").get(0).get("code").asString()).isEqualTo("OWNER_OUT_OF_SCOPE");
        assertThat(worker.post("/api/v1/campaigns", Map.of("template", "covid-2020")).status()).as("a field worker").isEqualTo(403);
    }

    @Test
    void aCitysCampaignIsScreenedCountyByCountyFindingWhatEachCountysWould() {
        person("INFECTED_OR_QUARANTINED");
        Http city = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330100000000L), TestAccounts.PASSWORD);
        Http.Response created = city.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "3301",
                "startsOn", LocalDate.now().minusDays(10).toString(), "endsOn", LocalDate.now().plusDays(60).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long cityCampaign = created.json().get("id").asLong();
        Http.Response started = city.post("/api/v1/campaigns/" + cityCampaign + "/screen", Map.of());
        JsonNode job = city.awaitJob(started.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        long counties = jdbc.sql("select count(*) from region_division where parent_code = 330100000000 and level = 3")
                .query(Long.class).single();
        assertThat(jdbc.sql("select total || ' ' || processed from platform_job where id = ?::uuid").param(job.get("id").asString())
                .query(String.class).single()).as("one part per county").isEqualTo(counties + " " + counties);
        assertThat(counties).isGreaterThan(1);
        long stored = jdbc.sql("select count(*) from campaign_target where campaign_id = ?").param(cityCampaign).query(Long.class).single();
        assertThat(job.get("added").asLong()).isEqualTo(stored).isPositive();

        long countyCampaign = campaign();
        screen(countyCampaign);
        String targetsOf = "select person_id || ' ' || reasons::text from campaign_target where campaign_id = ? and village_code between 330122000000 and 330122999999";
        assertThat(jdbc.sql(targetsOf).param(cityCampaign).query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(jdbc.sql(targetsOf).param(countyCampaign).query(String.class).list());
    }

    @Test
    void aCountyScreenedFirstWithATargetAlreadyThereIsScreenedAgainWithItsConflictsHandled() {
        long personId = person("BEREAVED");
        Http city = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330100000000L), TestAccounts.PASSWORD);
        Http.Response created = city.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "3301",
                "startsOn", LocalDate.now().minusDays(10).toString(), "endsOn", LocalDate.now().plusDays(60).toString()));
        long cityCampaign = created.json().get("id").asLong();
        // The family's target was recorded in another county of the city (it lived there when it was added): 桐庐 itself has
        // no target of the campaign yet, so its part starts as a first screening and meets the family's target.
        jdbc.sql("insert into campaign_target (campaign_id, person_id, village_code, reasons, origin, added_reason) values (?, ?, ?, '{}', 'ADDED', '试')")
                .params(cityCampaign, personId, 330127100001L).update();

        Http.Response started = city.post("/api/v1/campaigns/" + cityCampaign + "/screen", Map.of());
        JsonNode job = city.awaitJob(started.header("Location").replaceFirst("^https?://[^/]+", ""));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(jdbc.sql("select origin || ' ' || cardinality(reasons) from campaign_target where campaign_id = ? and person_id = ?")
                .params(cityCampaign, personId).query(String.class).single()).as("the worker's target kept as it was").isEqualTo("ADDED 0");
        long stored = jdbc.sql("select count(*) from campaign_target where campaign_id = ? and origin = 'SCREENED'").param(cityCampaign)
                .query(Long.class).single();
        assertThat(job.get("added").asLong()).isEqualTo(stored).isPositive();
    }

    @Autowired
    CampaignService campaigns;

    @Test
    void aMunicipalitysPartsAreItsDistrictsNeverThePlaceholderAboveThem() {
        // 北京市: 市辖区 (110100) is a placeholder whose districts are the province's own children.
        List<org.lastmile.region.RegionCode> parts = campaigns.parts(org.lastmile.region.RegionCode.of(110000000000L));
        long districts = jdbc.sql("select count(*) from region_division where parent_code = 110000000000 and kind <> 'PLACEHOLDER'")
                .query(Long.class).single();
        assertThat(parts).hasSize((int) districts).extracting(org.lastmile.region.RegionCode::value)
                .doesNotContain(110100000000L).contains(110101000000L);
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).subtreeFirst()).as("no village in two parts").isGreaterThan(parts.get(i - 1).subtreeLast());
        }
        assertThat(campaigns.parts(org.lastmile.region.RegionCode.of(330122000000L))).extracting(org.lastmile.region.RegionCode::value)
                .containsExactly(330122000000L);
    }

    @Test
    void screensWithReasonsAndKeepsWhatWasReviewedWhenScreenedAgain() {
        long infected = person("INFECTED_OR_QUARANTINED");
        long untagged = person(null);
        long id = campaign();
        screen(id);
        JsonNode target = target(id, infected, worker, null);
        assertThat(target).isNotNull();
        assertThat(target.get("reasons").get(0).asString()).isEqualTo("曾感染或隔离");
        assertThat(target(id, untagged, worker, null)).isNull();

        Http.Response removeWithoutNote = worker.post("/api/v1/campaigns/" + id + "/targets/" + target.get("id").asLong() + "/remove",
                Map.of("reason", "OTHER"));
        assertThat(removeWithoutNote.json().get("errors").get(0).get("code").asString()).isEqualTo("NOTE_REQUIRED");
        assertThat(worker.post("/api/v1/campaigns/" + id + "/targets/" + target.get("id").asLong() + "/remove",
                Map.of("reason", "MOVED")).status()).isEqualTo(200);
        long bereaved = person("BEREAVED");
        screen(id);
        assertThat(target(id, infected, worker, "REMOVED").get("removedReason").asString()).as("kept, never dropped").isEqualTo("MOVED");
        assertThat(target(id, bereaved, worker, "OPEN")).as("a new match").isNotNull();

        Http.Response added = worker.post("/api/v1/campaigns/" + id + "/targets", Map.of("personId", untagged, "reason", "独居老人，子女在外"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("origin").asString()).isEqualTo("ADDED");
        assertThat(worker.post("/api/v1/campaigns/" + id + "/targets", Map.of("personId", untagged, "reason", "再加")).status()).isEqualTo(409);

        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(NEIGHBOUR)), TestAccounts.PASSWORD);
        assertThat(target(id, bereaved, neighbour, null)).as("a neighbour's families").isNull();
        assertThat(neighbour.post("/api/v1/campaigns/" + id + "/targets/" + target(id, bereaved, worker, null).get("id").asLong() + "/remove",
                Map.of("reason", "MOVED")).status()).isEqualTo(404);
    }

    @Test
    void visitsAreRecordedOnceAndCloseTargetsOnlyOnAFinalOutcome() {
        long met = person("EDGE_HOUSEHOLD");
        long away = person("EDGE_HOUSEHOLD");
        long id = campaign();
        screen(id);
        assertThat(worker.post("/api/v1/campaigns/" + id + "/villages/" + VILLAGE + "/confirm", Map.of()).json().get("confirmed").asBoolean())
                .isTrue();
        JsonNode worklist = worker.get("/api/v1/worklist").json();
        List<Long> families = new ArrayList<>();
        worklist.forEach(i -> families.add(i.get("personId").asLong()));
        assertThat(families).contains(met, away);

        long metTarget = target(id, met, worker, null).get("id").asLong();
        String clientId = UUID.randomUUID().toString();
        Map<String, Object> visit = new HashMap<>(Map.of("clientId", clientId, "targetId", metTarget, "mode", "PHONE",
                "visitedAt", OffsetDateTime.now().minusHours(1).toString(), "outcome", "MET",
                "difficulties", List.of(Map.of("domain", "REHABILITATION_MEDICAL", "urgency", "URGENT", "description", "轮椅坏了", "solvedOnSpot", false),
                        Map.of("domain", "LIVING_ASSISTANCE", "urgency", "TEMPORARY", "description", " 缺米面 ", "solvedOnSpot", true)),
                "statusNeeds", Map.of("H04", List.of("DEVICE")), "nextContactOn", LocalDate.now().plusDays(7).toString()));
        visit.put("comfortCash", 200.5);
        Http.Response first = worker.post("/api/v1/visits", visit);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Http.Response again = worker.post("/api/v1/visits", visit);
        assertThat(again.status()).as("the same visit sent again").isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("difficulties")).as("the difficulties as read back, as the first answer gave them")
                .isEqualTo(first.json().get("difficulties")).hasSize(2);
        assertThat(again.json()).as("the whole visit as read back (its time, its target's status), as the first answer gave it")
                .isEqualTo(first.json());
        assertThat(first.json().get("targetStatus").asString()).isEqualTo("CLOSED");
        visit.put("outcome", "REFUSED");
        assertThat(worker.post("/api/v1/visits", visit).status()).as("the same client id, another body").isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from campaign_visit where client_id = ?::uuid").param(clientId).query(Long.class).single()).isEqualTo(1);
        assertThat(target(id, met, worker, null).get("closure").asString()).isEqualTo("MET");
        assertThat(jdbc.sql("select count(*) from campaign_difficulty where person_id = ? and not solved_on_spot").param(met)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select source from registry_status_save where person_id = ? and answers -> 'H04' is not null").param(met).query(String.class).single())
                .isEqualTo("VISIT");

        long awayTarget = target(id, away, worker, null).get("id").asLong();
        Map<String, Object> badAnswer = Map.of("clientId", UUID.randomUUID().toString(), "targetId", awayTarget, "mode", "HOME",
                "visitedAt", OffsetDateTime.now().minusHours(2).toString(), "outcome", "NOT_AT_HOME", "statusNeeds", Map.of("H01", "MAYBE"));
        Http.Response refused = worker.post("/api/v1/visits", badAnswer);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("statusNeeds.H01");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(target(id, away, worker, null).get("status").asString()).as("attempt " + attempt).isEqualTo("OPEN");
            assertThat(worker.post("/api/v1/visits", Map.of("clientId", UUID.randomUUID().toString(), "targetId", awayTarget, "mode", "HOME",
                    "visitedAt", OffsetDateTime.now().minusHours(attempt).toString(), "outcome", "NOT_AT_HOME")).status()).isEqualTo(201);
        }
        assertThat(target(id, away, worker, null).get("closure").asString()).isEqualTo("UNREACHABLE");
        List<Long> after = new ArrayList<>();
        worker.get("/api/v1/worklist").json().forEach(i -> after.add(i.get("personId").asLong()));
        assertThat(after).doesNotContain(met, away);
    }

    @Test
    void coverageAddsUpForAnyPlaceAndLeadersSeeFiguresOnly() {
        long family = person("REGISTERED_POOR");
        long id = campaign();
        screen(id);
        rollups.refreshNow();
        JsonNode coverage = county.get("/api/v1/campaigns/" + id + "/coverage").json();
        assertThat(coverage.get("targets").asLong()).isPositive();
        assertThat(coverage.get("open").asLong() + coverage.get("closed").asLong()).isEqualTo(coverage.get("targets").asLong());
        assertThat(coverage.get("byChild")).anySatisfy(c -> assertThat(c.get("placeCode").asLong()).isEqualTo(330122002000L));
        JsonNode village = worker.get("/api/v1/campaigns/" + id + "/coverage?regionCode=" + VILLAGE).json();
        assertThat(village.get("targets").asLong()).isPositive();

        Http leader = new Http(port).withToken(TestAccounts.create(accounts, Role.LEADER, 330122000000L), TestAccounts.PASSWORD);
        assertThat(leader.get("/api/v1/campaigns/" + id + "/coverage").json().get("targets").asLong()).isEqualTo(coverage.get("targets").asLong());
        assertThat(leader.get("/api/v1/campaigns/" + id + "/targets").status()).as("no names for leaders").isEqualTo(403);
        assertThat(family).isPositive();
    }

    @Test
    void eachDifficultyNotSolvedOnTheSpotIsPublishedForCasework() {
        long family = person("SICK_DISABLED");
        long id = campaign();
        screen(id);
        long target = target(id, family, worker, null).get("id").asLong();
        org.lastmile.access.CurrentUser user = new org.lastmile.access.CurrentUser(0, workerName, "测试",
                List.of(new org.lastmile.access.Grant(Role.FIELD_WORKER, Long.parseLong(VILLAGE), null)));
        visits.record(new VisitService.VisitForm(UUID.randomUUID().toString(), target, "HOME", OffsetDateTime.now().minusHours(1), "王芳",
                "MET", null, List.of(new VisitService.Difficulty("CARE", "SUDDEN", "照料人住院，无人照看", false),
                new VisitService.Difficulty("OTHER", "ONGOING", "已当场联系村医", true)), "米面油", new java.math.BigDecimal("500"), null, null), user);
        assertThat(events.stream(DifficultyReported.class).filter(e -> e.personId() == family).toList()).as("only the unsolved one")
                .singleElement().satisfies(e -> {
                    assertThat(e.urgency()).isEqualTo("SUDDEN");
                    assertThat(e.villageCode()).isEqualTo(Long.parseLong(VILLAGE));
                });
    }

    @Test
    void screensOnAnswersAgeAndOpenFlagsToo() {
        long severe = person(null);
        jdbc.sql("update registry_person set disability_grade = 1, certificate_number = certificate_number where id = ?").param(severe).update();
        long answered = person(null);
        String path = "/api/v1/persons/" + answered + "/status-needs/" + LocalDate.now().getYear();
        worker.put(path, Map.of("answers", Map.of("H04", List.of("DEVICE"))), "If-Match", worker.get(path).header("ETag"));
        Http.Response created = county.post("/api/v1/campaigns", Map.of("name", "辅具与护理补贴核查", "ownerCode", "330122",
                "startsOn", LocalDate.now().toString(), "endsOn", LocalDate.now().plusDays(30).toString(),
                "rules", Map.of("match", "ANY", "criteria", List.of(
                        Map.of("name", "护理补贴未享受", "match", "ALL", "conditions", List.of(Map.of("field", "flag", "op", "has", "value", "NURSING_SUBSIDY"))),
                        Map.of("name", "需要辅具", "match", "ALL", "conditions", List.of(
                                Map.of("field", "answer", "item", "H04", "op", "contains", "value", "DEVICE"),
                                Map.of("field", "age", "op", "between", "value", List.of(16, 120))))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        screen(id);
        assertThat(target(id, severe, worker, null).get("reasons").toString()).contains("护理补贴未享受");
        assertThat(target(id, answered, worker, null).get("reasons").toString()).contains("需要辅具");
    }

    @Test
    void aDisabledWorkersFamiliesGoBackToTheVillage() {
        long family = person("EDGE_HOUSEHOLD");
        long id = campaign();
        screen(id);
        worker.post("/api/v1/campaigns/" + id + "/villages/" + VILLAGE + "/confirm", Map.of());
        assertThat(target(id, family, worker, null).get("assignedTo").asString()).isEqualTo(workerName);
        tx.executeWithoutResult(status -> publisher.publishEvent(new org.lastmile.access.AccountDisabled(workerName)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> target(id, family, worker, null).get("assignedTo").isNull());
    }
}
