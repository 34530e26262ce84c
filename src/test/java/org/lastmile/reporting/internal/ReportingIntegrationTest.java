package org.lastmile.reporting.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The roll-ups: equal to a count over the owners' rows at every level, fresh within seconds, scoped, and following the clock. */
@LastmileIntegrationTest
class ReportingIntegrationTest {

    static final long COUNTY = 330122000000L;
    static final long TOWNSHIP = 330122002000L;
    static final long VILLAGE = 330122002200L;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RollupRefresher refresher;

    Http county;

    @BeforeEach
    void logIn() {
        county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, COUNTY), TestAccounts.PASSWORD);
    }

    private long campaign() {
        Http.Response created = county.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "330122",
                "startsOn", LocalDate.now().minusDays(10).toString(), "endsOn", LocalDate.now().plusDays(60).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Http.Response started = county.post("/api/v1/campaigns/" + id + "/screen", Map.of());
        assertThat(started.status()).isEqualTo(202);
        JsonNode job = county.awaitJob(started.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        return id;
    }

    private long person(long village) {
        String first17 = "330122" + LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15000)).toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        String id = first17 + org.lastmile.registry.IdNumber.checkCharacter(first17);
        Map<String, Object> body = new HashMap<>(Map.of("name", "孙八", "disabilityCategory", 2, "disabilityGrade", 1,
                "villageCode", Long.toString(village), "idNumber", id, "certificateNumber", id + "21"));
        Http.Response created = county.post("/api/v1/persons", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long openCase(long personId) {
        Http.Response opened = county.post("/api/v1/cases", Map.of("personId", personId, "domain", "CARE", "urgency", "URGENT",
                "description", "无人照护"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("id").asLong();
    }

    private long openCasesOf(long village) {
        return jdbc.sql("select coalesce(sum(open), 0) from reporting_case_figures where level = 5 and place_code = ?").param(village)
                .query(Long.class).single();
    }

    @Test
    void theRollUpsEqualACountOverTheTargetsAndCasesAtEveryLevel() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            refresher.refreshNow();
            for (int level = 1; level <= 5; level++) {
                long span = org.lastmile.region.RegionLevel.ofNumber(level).span();
                List<String> kept = jdbc.sql("""
                                select campaign_id || ':' || place_code || ':' || targets || ':' || confirmed || ':' || visited || ':' || closed
                                       || ':' || open || ':' || refused || ':' || unreachable
                                  from reporting_coverage where level = ? order by campaign_id, place_code""")
                        .param(level).query(String.class).list();
                List<String> counted = jdbc.sql("""
                                select t.campaign_id || ':' || t.village_code / %1$d * %1$d || ':' || count(*) || ':' || count(v.village_code) || ':'
                                       || count(t.last_visit_at) || ':' || count(*) filter (where t.status <> 'OPEN') || ':'
                                       || count(*) filter (where t.status = 'OPEN') || ':' || count(*) filter (where t.closure = 'REFUSED') || ':'
                                       || count(*) filter (where t.closure = 'UNREACHABLE')
                                  from campaign_target t
                                  left join campaign_village v on v.campaign_id = t.campaign_id and v.village_code = t.village_code
                                 group by t.campaign_id, t.village_code / %1$d * %1$d
                                 order by t.campaign_id, t.village_code / %1$d * %1$d""".formatted(span))
                        .query(String.class).list();
                assertThat(kept).as("coverage at level " + level).isNotEmpty().isEqualTo(counted);
                List<String> keptCases = jdbc.sql("""
                                select place_code || ':' || open || ':' || referred || ':' || escalated || ':' || resolved || ':' || closed
                                  from reporting_case_figures where level = ? order by place_code""")
                        .param(level).query(String.class).list();
                List<String> countedCases = jdbc.sql("""
                                select p.village_code / %1$d * %1$d || ':'
                                       || count(*) filter (where c.status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED')) || ':'
                                       || count(*) filter (where c.status = 'REFERRED') || ':' || count(*) filter (where c.status = 'ESCALATED') || ':'
                                       || count(*) filter (where c.status = 'RESOLVED') || ':' || count(*) filter (where c.status = 'CLOSED')
                                  from casework_case c join registry_person p on p.id = c.person_id
                                 group by p.village_code / %1$d * %1$d order by p.village_code / %1$d * %1$d""".formatted(span))
                        .query(String.class).list();
                assertThat(keptCases).as("cases at level " + level).isNotEmpty().isEqualTo(countedCases);
                List<String> keptDomains = jdbc.sql("""
                                select place_code || ':' || domain || ':' || open from reporting_case_domain where level = ? order by place_code, domain""")
                        .param(level).query(String.class).list();
                List<String> countedDomains = jdbc.sql("""
                                select p.village_code / %1$d * %1$d || ':' || c.domain || ':' || count(*)
                                  from casework_case c join registry_person p on p.id = c.person_id
                                 where c.status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED')
                                 group by p.village_code / %1$d * %1$d, c.domain order by p.village_code / %1$d * %1$d, c.domain""".formatted(span))
                        .query(String.class).list();
                assertThat(keptDomains).as("open cases by domain at level " + level).isNotEmpty().isEqualTo(countedDomains);
            }
        });
    }

    @Test
    void aVisitShowsInTheCountysCoverageWithinFiveSecondsWithoutAnyoneAsking() {
        long campaign = campaign();
        refresher.refreshNow();
        Map<String, Object> target = jdbc.sql("select id, village_code from campaign_target where campaign_id = ? and status = 'OPEN' limit 1")
                .param(campaign).query().singleRow();
        long before = county.get("/api/v1/campaigns/" + campaign + "/coverage").json().get("visited").asLong();
        Http worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, (Long) target.get("village_code")),
                TestAccounts.PASSWORD);
        Http.Response visit = worker.post("/api/v1/visits", Map.of("clientId", UUID.randomUUID().toString(), "targetId", target.get("id"),
                "mode", "HOME", "outcome", "MET", "visitedAt", OffsetDateTime.now().minusMinutes(5).toString()));
        assertThat(visit.status()).as(visit.body()).isEqualTo(201);
        Instant sent = Instant.now();
        // The scheduled refresher alone (every 2 s): no refreshNow here.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                county.get("/api/v1/campaigns/" + campaign + "/coverage").json().get("visited").asLong() == before + 1);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aUserGrantedATownshipAndOneVillageOfAnotherSeesThoseAndNothingElse() {
        long campaign = campaign();
        refresher.refreshNow();
        long otherVillage = jdbc.sql("""
                        select village_code from campaign_target where campaign_id = ? and village_code between ? and ?
                           and village_code / 1000 * 1000 <> ? order by village_code limit 1""")
                .params(campaign, COUNTY, COUNTY + 999_999, TOWNSHIP).query(Long.class).single();
        long otherTownship = otherVillage / 1000 * 1000;
        Http leader = new Http(port).withToken(TestAccounts.create(accounts, List.of(new Grant(Role.LEADER, TOWNSHIP, null),
                new Grant(Role.LEADER, otherVillage, null))), TestAccounts.PASSWORD);

        JsonNode whole = county.get("/api/v1/campaigns/" + campaign + "/coverage").json();
        JsonNode part = leader.get("/api/v1/campaigns/" + campaign + "/coverage?regionCode=" + COUNTY).json();
        JsonNode village = county.get("/api/v1/campaigns/" + campaign + "/coverage?regionCode=" + otherVillage).json();
        Map<Long, Long> targetsByChild = new HashMap<>();
        part.get("byChild").forEach(c -> targetsByChild.put(c.get("placeCode").asLong(), c.get("targets").asLong()));
        long townshipTargets = 0;
        for (JsonNode c : whole.get("byChild")) {
            if (c.get("placeCode").asLong() == TOWNSHIP) {
                townshipTargets = c.get("targets").asLong();
            }
        }
        assertThat(targetsByChild.keySet()).containsExactlyInAnyOrder(TOWNSHIP, otherTownship);
        assertThat(targetsByChild.get(TOWNSHIP)).isEqualTo(townshipTargets);
        assertThat(targetsByChild.get(otherTownship)).as("only the granted village of that township")
                .isEqualTo(village.get("targets").asLong()).isPositive();
        assertThat(part.get("targets").asLong()).isLessThan(whole.get("targets").asLong());
    }

    @Test
    void aDeadlineThatPassesCountsAsOverdueWithoutAnyEvent() {
        openCase(person(VILLAGE));
        refresher.refreshNow();
        long overdueBefore = jdbc.sql("select overdue from reporting_case_figures where level = 5 and place_code = ?").param(VILLAGE)
                .query(Long.class).single();
        OffsetDateTime due = jdbc.sql("select next_deadline from reporting_case_figures where level = 5 and place_code = ?").param(VILLAGE)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single();
        assertThat(due).as("an open case not yet overdue").isNotNull();
        try {
            refresher.refresh(due.toInstant().plusSeconds(1));
            long overdue = jdbc.sql("select overdue from reporting_case_figures where level = 5 and place_code = ?").param(VILLAGE)
                    .query(Long.class).single();
            assertThat(overdue).isGreaterThan(overdueBefore);
            long countyOverdue = jdbc.sql("select overdue from reporting_case_figures where level = 3 and place_code = ?").param(COUNTY)
                    .query(Long.class).single();
            long villagesOverdue = jdbc.sql("select sum(overdue) from reporting_case_figures where level = 5 and place_code between ? and ?")
                    .params(COUNTY, COUNTY + 999_999).query(Long.class).single();
            assertThat(countyOverdue).as("and in the places above, as the sum of the villages").isEqualTo(villagesOverdue);
        } finally {
            // Back to the real clock for the tests that follow.
            jdbc.sql("insert into reporting_pending (kind, first, last) values ('CASES', ?, ?)").params(COUNTY, COUNTY + 999_999).update();
            refresher.refreshNow();
        }
    }

    @Test
    void aFamilyThatMovesTakesItsOpenCaseToItsNewVillage() {
        long neighbour = VILLAGE + 1;
        long personId = person(VILLAGE);
        openCase(personId);
        refresher.refreshNow();
        long here = openCasesOf(VILLAGE);
        long there = openCasesOf(neighbour);
        Http.Response moved = county.post("/api/v1/persons/" + personId + "/transfer", Map.of("villageCode", Long.toString(neighbour)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        refresher.refreshNow();
        assertThat(openCasesOf(VILLAGE)).isEqualTo(here - 1);
        assertThat(openCasesOf(neighbour)).isEqualTo(there + 1);
    }
}
