package org.lastmile.casework.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.AccountDisabled;
import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.campaign.DifficultyReported;
import org.lastmile.platform.AppClock;
import org.lastmile.region.RegionCode;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Casework over HTTP in a county of its own (西湖区, away from the demo): opening, every transition and
 * its refusals, referrals and the liaisons' answers, deadlines, the escalation job on a shifted clock,
 * follow-ups, reassignment, scope and audit.
 */
@LastmileIntegrationTest
class CaseworkIntegrationTest {

    static final long COUNTY = 330106000000L;

    @LocalServerPort
    int port;
    @Autowired
    private org.lastmile.reporting.Rollups rollups;

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseListeners listeners;
    @Autowired
    CaseService cases;
    @Autowired
    Escalations escalations;
    @Autowired
    Deadlines deadlines;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.springframework.modulith.events.IncompleteEventPublications publications;

    long village;
    long neighbour;
    long township;
    Http county;
    String countyName;
    Http worker;
    String workerName;

    @BeforeEach
    void setUp() {
        List<Long> villages = jdbc.sql("""
                        select code from region_division where level = 5 and abolished_edition is null and code between ? and ?
                         order by code limit 2""")
                .params(COUNTY, COUNTY + 999_999_999L).query(Long.class).list();
        assertThat(villages).as("villages of 西湖区 in the division table").hasSize(2);
        village = villages.get(0);
        neighbour = villages.get(1);
        township = village / 1000 * 1000;
        countyName = TestAccounts.create(accounts, Role.CASE_WORKER, COUNTY);
        county = new Http(port).withToken(countyName, TestAccounts.PASSWORD);
        workerName = TestAccounts.create(accounts, Role.FIELD_WORKER, village);
        worker = new Http(port).withToken(workerName, TestAccounts.PASSWORD);
    }

    private long person() {
        String first17 = "330106" + LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15000)).toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        String id = first17 + org.lastmile.registry.IdNumber.checkCharacter(first17);
        Map<String, Object> body = new HashMap<>(Map.of("name", "钱七", "disabilityCategory", 1, "disabilityGrade", 2,
                "villageCode", Long.toString(village), "idNumber", id, "certificateNumber", id + "12"));
        Http.Response created = worker.post("/api/v1/persons", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long open(long personId, String urgency) {
        Http.Response opened = worker.post("/api/v1/cases", Map.of("personId", personId, "domain", "LIVING_ASSISTANCE", "urgency", urgency,
                "description", "冬季取暖费用困难"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("id").asLong();
    }

    private Http.Response act(Http http, long caseId, Map<String, Object> body) {
        return http.post("/api/v1/cases/" + caseId + "/transitions", body);
    }

    private long department(String type, String name) {
        String unique = name + UUID.randomUUID().toString().substring(0, 4);
        Http.Response added = county.post("/api/v1/departments", Map.of("regionCode", Long.toString(COUNTY), "type", type, "name", unique));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("id").asLong();
    }

    private Http liaison(long departmentId) {
        return new Http(port).withToken(TestAccounts.create(accounts, List.of(new Grant(Role.DEPARTMENT_LIAISON, COUNTY, departmentId))),
                TestAccounts.PASSWORD);
    }

    private String status(long caseId) {
        return jdbc.sql("select status from casework_case where id = ?").param(caseId).query(String.class).single();
    }

    /** A new person's difficulty, published through the durable event log as a visit publishes it; returns once its case exists. */
    private DifficultyReported difficultyWithItsCase() {
        long difficulty = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        DifficultyReported event = new DifficultyReported(difficulty, 1, person(), village, "CARE", "URGENT", "照料人住院", workerName,
                OffsetDateTime.now());
        tx.executeWithoutResult(s -> publisher.publishEvent(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from casework_case where source_ref = ?")
                .param("difficulty:" + difficulty).query(Long.class).single() == 1);
        return event;
    }

    @Test
    void aDifficultyBecomesExactlyOneCaseEvenWhenTheEventIsDeliveredTwice() {
        // Through the durable event log, as a visit publishes it, then delivered again by hand.
        DifficultyReported event = difficultyWithItsCase();
        long difficulty = event.difficultyId();
        assertThat(cases.openFromDifficulty(event)).as("delivered again").isFalse();
        assertThat(cases.openFromDifficulty(event)).as("and again").isFalse();
        Map<String, Object> kase = jdbc.sql("select id, unit_code, owner, status, deadline from casework_case where source_ref = ?")
                .param("difficulty:" + difficulty).query().singleRow();
        assertThat(jdbc.sql("select count(*) from casework_case where source_ref = ?").param("difficulty:" + difficulty).query(Long.class).single())
                .isEqualTo(1);
        assertThat(kase.get("unit_code")).as("the township federation is responsible").isEqualTo(township);
        assertThat(kase.get("status")).isEqualTo("OPEN");
        long caseId = (Long) kase.get("id");
        Map<String, Object> notices = jdbc.sql("select count(*) as n, count(distinct recipient) as recipients from casework_notification where case_id = ? and kind = 'NEW'")
                .param(caseId).query().singleRow();
        assertThat((Long) notices.get("n")).as("the unit's workers hear of it, each once").isPositive().isEqualTo(notices.get("recipients"));
        assertThat(jdbc.sql("select assigned_to from casework_follow_up where case_id = ?").param(caseId).query(String.class).list())
                .as("the reporting worker keeps in contact").containsExactly(workerName);
    }

    @Test
    void aCaseLostAfterItsEventWasPublishedIsOpenedWhenTheEventLogDeliversItAgain() {
        long difficulty = difficultyWithItsCase().difficultyId();
        String source = "difficulty:" + difficulty;
        // As if the listener's work had been lost (its node stopped before it committed): no case, the publication not completed
        // and older than the resubmission's age.
        long lost = jdbc.sql("select id from casework_case where source_ref = ?").param(source).query(Long.class).single();
        for (String table : List.of("casework_event", "casework_follow_up", "casework_notification")) {
            jdbc.sql("delete from " + table + " where case_id = ?").param(lost).update();
        }
        jdbc.sql("delete from casework_case where id = ?").param(lost).update();
        int reopened = jdbc.sql("update event_publication set status = 'FAILED', completion_date = null, publication_date = now() - interval '1 hour'"
                        + " where event_type = ? and serialized_event like ?")
                .params(DifficultyReported.class.getName(), "%\"difficultyId\":" + difficulty + ",%").update();
        assertThat(reopened).isEqualTo(1);

        // What the platform's EventLogUpkeep does every minute, with its default age.
        publications.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from casework_case where source_ref = ?")
                .param(source).query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from event_publication where event_type = ? and serialized_event like ?"
                        + " and completion_date is not null")
                .params(DifficultyReported.class.getName(), "%\"difficultyId\":" + difficulty + ",%").query(Long.class).single() == 1);
    }

    @Test
    void takesACaseThroughReferralAnswerResolutionVerificationAndClosure() {
        long personId = person();
        long caseId = open(personId, "TEMPORARY");
        long civil = department("CIVIL_AFFAIRS", "民政局");
        Http liaison = liaison(civil);

        assertThat(act(county, caseId, Map.of("action", "START")).json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(act(county, caseId, Map.of("action", "START")).status()).as("started twice").isEqualTo(409);
        Http.Response referred = act(county, caseId, Map.of("action", "REFER", "departmentId", civil, "ask", "请评估临时救助"));
        assertThat(referred.status()).as(referred.body()).isEqualTo(200);
        assertThat(referred.json().get("status").asString()).isEqualTo("REFERRED");
        Http.Response resolveEarly = act(county, caseId, Map.of("action", "RESOLVE", "text", "已解决"));
        assertThat(resolveEarly.status()).isEqualTo(409);
        assertThat(resolveEarly.json().get("errors").get(0).get("code").asString()).isEqualTo("REFERRAL_OPEN");

        JsonNode inbox = liaison.get("/api/v1/referrals?status=OPEN").json();
        assertThat(inbox).hasSize(1);
        long referral = inbox.get(0).get("referralId").asLong();
        assertThat(inbox.get(0).get("ask").asString()).isEqualTo("请评估临时救助");
        assertThat(liaison.post("/api/v1/referrals/" + referral + "/answer", Map.of("answer", "ACCEPTED")).json().get("status").asString())
                .isEqualTo("ACCEPTED");
        assertThat(status(caseId)).as("accepted: still with the department").isEqualTo("REFERRED");
        Http.Response doneWithoutText = liaison.post("/api/v1/referrals/" + referral + "/answer", Map.of("answer", "DONE"));
        assertThat(doneWithoutText.status()).isEqualTo(400);
        assertThat(doneWithoutText.json().get("errors").get(0).get("code").asString()).isEqualTo("DONE_TEXT_REQUIRED");
        assertThat(liaison.post("/api/v1/referrals/" + referral + "/answer", Map.of("answer", "DONE", "text", "已发放临时救助 800 元"))
                .json().get("status").asString()).isEqualTo("DONE");
        assertThat(status(caseId)).as("done: back with the federation").isEqualTo("IN_PROGRESS");
        assertThat(liaison.post("/api/v1/referrals/" + referral + "/answer", Map.of("answer", "DONE", "text", "again")).status()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from casework_notification where case_id = ? and kind = 'ANSWERED' and recipient = ?")
                .params(caseId, countyName).query(Long.class).single()).as("the owner hears each answer: accepted, done").isEqualTo(2);

        assertThat(act(county, caseId, Map.of("action", "RESOLVE", "text", "临时救助已到位")).json().get("status").asString()).isEqualTo("RESOLVED");
        Http.Response closeUnverified = act(county, caseId, Map.of("action", "CLOSE"));
        assertThat(closeUnverified.status()).isEqualTo(409);
        assertThat(closeUnverified.json().get("errors").get(0).get("code").asString()).isEqualTo("VERIFICATION_MISSING");
        Http.Response notSatisfied = worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "PHONE", "spokeWith", "本人",
                "verification", true, "familyConfirms", false));
        assertThat(notSatisfied.status()).as(notSatisfied.body()).isEqualTo(201);
        assertThat(act(county, caseId, Map.of("action", "CLOSE")).status()).as("the family says it is not solved").isEqualTo(409);
        assertThat(worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "HOME", "spokeWith", "本人", "verification", true))
                .json().get("errors").get(0).get("code").asString()).isEqualTo("FAMILY_WORD_REQUIRED");
        worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "HOME", "spokeWith", "母亲", "verification", true, "familyConfirms", true));
        assertThat(act(county, caseId, Map.of("action", "CLOSE")).json().get("status").asString()).isEqualTo("CLOSED");
        assertThat(jdbc.sql("select count(*) from casework_follow_up where case_id = ? and status = 'DUE'").param(caseId).query(Long.class).single())
                .as("no follow-ups after closure").isZero();
        assertThat(worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "HOME", "spokeWith", "本人")).status()).isEqualTo(409);
        assertThat(act(county, caseId, Map.of("action", "REOPEN")).json().get("errors").get(0).get("code").asString()).isEqualTo("REASON_REQUIRED");
        assertThat(act(county, caseId, Map.of("action", "REOPEN", "reason", "又断了")).json().get("status").asString()).isEqualTo("OPEN");

        JsonNode detail = county.get("/api/v1/cases/" + caseId).json();
        List<String> steps = new ArrayList<>();
        detail.get("history").forEach(e -> steps.add(e.get("action").asString()));
        assertThat(steps).containsSubsequence("OPEN", "START", "REFER", "ANSWER", "ANSWER", "RESOLVE", "VERIFY", "VERIFY", "CLOSE", "REOPEN");
        assertThat(detail.get("history").get(0).get("actor").asString()).isEqualTo(workerName);
        assertThat(detail.get("referrals").get(0).get("answer").asString()).isEqualTo("已发放临时救助 800 元");
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'CASE_VIEW' and subject_id = ? and account = ?")
                .params(Long.toString(caseId), countyName).query(Long.class).single()).as("reading a case is audited").isEqualTo(1);
    }

    @Test
    void illegalTransitionsAnswer409WithTheReasonInWords() {
        long caseId = open(person(), "ONGOING");
        Http.Response close = act(county, caseId, Map.of("action", "CLOSE"));
        assertThat(close.status()).isEqualTo(409);
        assertThat(close.json().get("errors").get(0).get("code").asString()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(close.json().get("detail").asString()).contains("待办理").contains("核实后办结");
        assertThat(act(county, caseId, Map.of("action", "ANSWER", "answer", "DONE", "text", "x")).json().get("errors").get(0).get("code").asString())
                .isEqualTo("NO_OPEN_REFERRAL");
        assertThat(act(county, caseId, Map.of("action", "FLY")).status()).isEqualTo(400);
        assertThat(act(worker, caseId, Map.of("action", "START")).status()).as("a field worker opens, does not manage").isEqualTo(403);
    }

    @Test
    void escalationMovesTheCaseOneLevelUpWithAFreshDeadlineAndTheTownshipMayNoLongerAct() {
        long caseId = open(person(), "URGENT");
        Http townshipWorker = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, township), TestAccounts.PASSWORD);
        assertThat(act(townshipWorker, caseId, Map.of("action", "START")).status()).isEqualTo(200);
        assertThat(act(townshipWorker, caseId, Map.of("action", "ESCALATE")).status()).as("a reason is needed").isEqualTo(400);
        OffsetDateTime before = jdbc.sql("select deadline from casework_case where id = ?").param(caseId).query(OffsetDateTime.class).single();
        JsonNode escalated = act(townshipWorker, caseId, Map.of("action", "ESCALATE", "reason", "需要县里协调")).json();
        assertThat(escalated.get("status").asString()).isEqualTo("ESCALATED");
        assertThat(escalated.get("unitCode").asString()).isEqualTo(Long.toString(COUNTY));
        assertThat(escalated.get("owner").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(escalated.get("deadline").asString())).isAfterOrEqualTo(before);
        Http.Response refused = act(townshipWorker, caseId, Map.of("action", "RESOLVE", "text", "x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("NOT_YOUR_UNIT");
        assertThat(townshipWorker.get("/api/v1/cases/" + caseId).status()).as("still readable").isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from casework_notification where case_id = ? and kind = 'ESCALATED' and recipient = ?")
                .params(caseId, countyName).query(Long.class).single()).isEqualTo(1);
        assertThat(act(county, caseId, Map.of("action", "START")).json().get("owner").asString()).isEqualTo(countyName);
    }

    @Test
    void overdueCasesEscalateByThemselvesOnceWhenTheClockIsShiftedEvenWithTwoNodesRunning() throws Exception {
        long caseId = open(person(), "SUDDEN");
        long otherCase = open(person(), "ONGOING");
        RegionCode within = RegionCode.of(village);
        java.time.Instant now = AppClock.shiftedBy("PT2H").instant();
        escalations.run(now, within);
        assertThat(status(caseId)).as("not overdue two hours on").isEqualTo("OPEN");

        java.time.Instant twoDaysOn = AppClock.shiftedBy("P2D").instant();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Escalations.Run> run = () -> escalations.run(twoDaysOn, within);
            for (Future<Escalations.Run> r : nodes.invokeAll(List.of(run, run))) {
                r.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(status(caseId)).isEqualTo("ESCALATED");
        assertThat(status(otherCase)).as("30 days are not over").isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from casework_event where case_id = ? and action = 'ESCALATE'").param(caseId).query(Long.class).single())
                .as("two runs at once escalate the case once").isEqualTo(1);
        Map<String, Object> step = jdbc.sql("select actor, reason, details->>'toUnit' as to_unit from casework_event where case_id = ? and action = 'ESCALATE'")
                .param(caseId).query().singleRow();
        assertThat(step.get("actor")).isEqualTo("system");
        assertThat(step.get("reason")).isEqualTo("OVERDUE");
        assertThat(step.get("to_unit")).isEqualTo(Long.toString(COUNTY));
        escalations.run(twoDaysOn, within);
        assertThat(status(caseId)).isEqualTo("ESCALATED");
        assertThat(jdbc.sql("select count(*) from casework_event where case_id = ? and action = 'ESCALATE'").param(caseId).query(Long.class).single())
                .as("a second run changes nothing").isEqualTo(1);
        assertThat(jdbc.sql("select recipient from casework_notification where case_id = ? and kind = 'ESCALATED'").param(caseId)
                .query(String.class).list()).as("the county's workers, each once").contains(countyName).doesNotHaveDuplicates();

        // The follow-up of the other case falls due; at 40 days it is overdue and its worker is told once.
        java.time.Instant later = AppClock.shiftedBy("P40D").instant();
        escalations.run(later, within);
        escalations.run(later, within);
        assertThat(jdbc.sql("select count(*) from casework_notification where case_id = ? and kind = 'FOLLOW_UP_OVERDUE' and recipient = ?")
                .params(otherCase, workerName).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void workingDayDeadlinesSkipTheNationalDayHolidayAndCountTheMakeUpSaturday() {
        // 7 working days from 30 September 2026: 1-7 October are holidays, Saturday 10 October is worked.
        java.time.Instant from = OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant();
        assertThat(deadlines.due(from, "TEMPORARY", village)).isEqualTo(OffsetDateTime.parse("2026-10-16T00:00:00+08:00").toInstant());
        assertThat(deadlines.due(from, "SUDDEN", village)).isEqualTo(from.plus(Duration.ofDays(1)));
    }

    @Test
    void aCountySetsItsOwnDeadlinesAndAnotherCannot() {
        Http.Response set = county.put("/api/v1/case-deadlines/" + COUNTY, Map.of(
                "amounts", Map.of("SUDDEN", 2, "URGENT", 5, "TEMPORARY", 10, "ONGOING", 60),
                "workingDays", Map.of("TEMPORARY", true)));
        try {
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            long caseId = open(person(), "SUDDEN");
            Map<String, Object> row = jdbc.sql("select opened_at, deadline from casework_case where id = ?").param(caseId).query().singleRow();
            assertThat(Duration.between(((java.sql.Timestamp) row.get("opened_at")).toInstant(), ((java.sql.Timestamp) row.get("deadline")).toInstant()))
                    .isEqualTo(Duration.ofDays(2));
            assertThat(county.put("/api/v1/case-deadlines/330122000000", Map.of("amounts", Map.of("SUDDEN", 2, "URGENT", 5,
                    "TEMPORARY", 10, "ONGOING", 60))).status()).as("another county").isEqualTo(404);
            assertThat(county.put("/api/v1/case-deadlines/" + COUNTY, Map.of("amounts", Map.of("SUDDEN", 0))).status()).isEqualTo(400);
            assertThat(county.put("/api/v1/case-deadlines/0", Map.of("amounts", Map.of("SUDDEN", 2, "URGENT", 5,
                    "TEMPORARY", 10, "ONGOING", 60))).status()).as("the national defaults are not a county's").isEqualTo(404);
        } finally {
            jdbc.sql("delete from casework_deadline_rule where place_code = ?").param(COUNTY).update();
        }
    }

    @Test
    void aLiaisonSeesOnlyItsDepartmentsReferralsAndNoOtherPersonData() {
        long civil = department("CIVIL_AFFAIRS", "民政局");
        long health = department("HEALTH", "卫健局");
        Http civilLiaison = liaison(civil);
        Http healthLiaison = liaison(health);
        long personId = person();
        long caseId = open(personId, "URGENT");
        act(county, caseId, Map.of("action", "START"));
        act(county, caseId, Map.of("action", "REFER", "departmentId", health, "ask", "请家庭医生上门", "dueOn", LocalDate.now().plusDays(3).toString()));
        long referral = jdbc.sql("select id from casework_referral where case_id = ?").param(caseId).query(Long.class).single();

        assertThat(healthLiaison.get("/api/v1/referrals").json()).hasSize(1);
        assertThat(civilLiaison.get("/api/v1/referrals").json()).isEmpty();
        assertThat(civilLiaison.get("/api/v1/referrals/" + referral).status()).isEqualTo(404);
        assertThat(civilLiaison.post("/api/v1/referrals/" + referral + "/answer", Map.of("answer", "ACCEPTED")).status()).isEqualTo(404);
        assertThat(act(civilLiaison, caseId, Map.of("action", "ANSWER", "answer", "ACCEPTED")).status()).isEqualTo(404);
        assertThat(healthLiaison.get("/api/v1/cases/" + caseId).status()).as("the case itself is not theirs").isEqualTo(403);
        assertThat(healthLiaison.get("/api/v1/persons/" + personId).status()).isEqualTo(403);
        assertThat(healthLiaison.get("/api/v1/families/" + personId + "/timeline").status()).isEqualTo(403);
        JsonNode item = healthLiaison.get("/api/v1/referrals/" + referral).json();
        assertThat(item.has("idNumber")).as("the least person data: no ID").isFalse();
        assertThat(item.get("personName").asString()).isEqualTo("钱七");
        assertThat(jdbc.sql("select count(*) from casework_notification where referral_id = ? and kind = 'REFERRED'").param(referral)
                .query(Long.class).single()).as("only the health liaison was told").isEqualTo(1);
        assertThat(act(healthLiaison, caseId, Map.of("action", "ANSWER", "answer", "DECLINED", "text", "不属于本部门职责")).status()).as("answered, and nothing of the case comes back").isEqualTo(204);
        assertThat(status(caseId)).isEqualTo("IN_PROGRESS");
        assertThat(act(county, caseId, Map.of("action", "REFER", "departmentId", 999_999_999L, "ask", "x")).json().get("errors").get(0)
                .get("code").asString()).isEqualTo("DEPARTMENT_INVALID");
    }

    @Test
    void aNeighbouringVillagesWorkerCannotSeeTheCase() {
        long caseId = open(person(), "URGENT");
        Http other = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, neighbour), TestAccounts.PASSWORD);
        assertThat(other.get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/cases?size=1000").json().get("items").findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(caseId);
        assertThat(other.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "PHONE", "spokeWith", "本人")).status()).isEqualTo(404);
        assertThat(worker.get("/api/v1/cases?size=1000").json().get("items").findValues("id").stream().map(JsonNode::asLong)).contains(caseId);
    }

    @Test
    void aCaseFollowsTheFamilyWhenItMovesToAnotherVillage() {
        long personId = person();
        long caseId = open(personId, "ONGOING");
        Http.Response moved = county.post("/api/v1/persons/" + personId + "/transfer", Map.of("villageCode", Long.toString(neighbour)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        Http newVillage = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, neighbour), TestAccounts.PASSWORD);
        assertThat(newVillage.get("/api/v1/cases/" + caseId).status()).as("the new village's worker").isEqualTo(200);
        assertThat(worker.get("/api/v1/cases/" + caseId).status()).as("the old village's worker").isEqualTo(404);
        assertThat(worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "PHONE", "spokeWith", "本人")).status()).isEqualTo(404);
    }

    @Test
    void aContactsClientIdBelongsToOneCaseAndAWorkerWithTwoRolesSeesAllTheirFollowUps() {
        long first = open(person(), "URGENT");
        long second = open(person(), "URGENT");
        String clientId = UUID.randomUUID().toString();
        Map<String, Object> contact = Map.of("clientId", clientId, "mode", "PHONE", "spokeWith", "本人");
        assertThat(worker.post("/api/v1/cases/" + first + "/contacts", contact).status()).isEqualTo(201);
        assertThat(worker.post("/api/v1/cases/" + first + "/contacts", contact).json().get("spokeWith").asString()).as("a retry").isEqualTo("本人");
        assertThat(jdbc.sql("select count(*) from casework_contact where client_id = ?::uuid").param(clientId).query(Long.class).single()).isEqualTo(1);
        assertThat(worker.post("/api/v1/cases/" + second + "/contacts", contact).status()).as("the same id on another case").isEqualTo(409);

        String both = TestAccounts.create(accounts, List.of(new Grant(Role.CASE_WORKER, COUNTY, null), new Grant(Role.FIELD_WORKER, neighbour, null)));
        Http twoRoles = new Http(port).withToken(both, TestAccounts.PASSWORD);
        Http.Response scheduled = worker.post("/api/v1/cases/" + first + "/follow-ups", Map.of("dueOn", LocalDate.now().plusDays(2).toString(),
                "assignedTo", both));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
        assertThat(twoRoles.get("/api/v1/follow-ups").json().findValues("caseId").stream().map(JsonNode::asLong))
                .as("a follow-up in a village other than their own").contains(first);
        Http liaisonAccount = liaison(department("OTHER", "其他"));
        assertThat(worker.post("/api/v1/cases/" + first + "/follow-ups", Map.of("dueOn", LocalDate.now().plusDays(2).toString(),
                "assignedTo", "no-such-account")).status()).isEqualTo(400);
        assertThat(liaisonAccount.get("/api/v1/follow-ups").status()).isEqualTo(403);
    }

    @Test
    void aRetriedOpenDoesNotDuplicateAndADifferentBodyWithTheSameIdConflicts() {
        long personId = person();
        String clientId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("clientId", clientId, "personId", personId, "domain", "EMPLOYMENT", "urgency", "ONGOING",
                "description", "希望就近就业");
        Http.Response first = worker.post("/api/v1/cases", body);
        Http.Response again = worker.post("/api/v1/cases", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("description", "另一件事");
        assertThat(worker.post("/api/v1/cases", changed).status()).isEqualTo(409);
        Http.Response fromFlag = worker.post("/api/v1/cases", Map.of("personId", personId, "source", "FLAG", "sourceRef", "NURSING_SUBSIDY",
                "domain", "LIVING_ASSISTANCE", "urgency", "TEMPORARY", "description", "符合护理补贴条件未享受"));
        assertThat(fromFlag.status()).as(fromFlag.body()).isEqualTo(201);
        Http.Response flagAgain = worker.post("/api/v1/cases", Map.of("personId", personId, "source", "FLAG", "sourceRef", "NURSING_SUBSIDY",
                "domain", "LIVING_ASSISTANCE", "urgency", "TEMPORARY", "description", "再次"));
        assertThat(flagAgain.status()).isEqualTo(409);
        assertThat(flagAgain.json().get("errors").get(0).get("code").asString()).isEqualTo("CASE_EXISTS");
        Http.Response bad = worker.post("/api/v1/cases", Map.of("personId", personId, "domain", "X", "urgency", "Y", "description", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValues("field").stream().map(JsonNode::asString)).containsExactly("domain", "urgency", "description");
    }

    @Test
    void contactsKeepFollowUpsGoingAndTheWorkersListShowsWhatIsDue() {
        long caseId = open(person(), "URGENT");
        JsonNode due = worker.get("/api/v1/follow-ups").json();
        assertThat(due.findValues("caseId").stream().map(JsonNode::asLong)).as("7 days ahead is within the week").contains(caseId);
        jdbc.sql("update casework_follow_up set due_on = current_date - 1 where case_id = ?").param(caseId).update();
        JsonNode overdue = worker.get("/api/v1/follow-ups").json();
        assertThat(overdue.get(0).get("overdue").asBoolean()).as("overdue first").isTrue();
        Http.Response contact = worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("clientId", UUID.randomUUID().toString(),
                "mode", "PHONE", "spokeWith", "本人", "note", "情况稳定", "nextFollowUpOn", LocalDate.now().plusDays(10).toString()));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        List<Map<String, Object>> followUps = jdbc.sql("select status, due_on from casework_follow_up where case_id = ? order by id").param(caseId)
                .query().listOfRows();
        assertThat(followUps).hasSize(2);
        assertThat(followUps.get(0).get("status")).isEqualTo("DONE");
        assertThat(followUps.get(1).get("status")).isEqualTo("DUE");
        assertThat(worker.post("/api/v1/cases/" + caseId + "/follow-ups", Map.of("dueOn", LocalDate.now().minusDays(1).toString())).status())
                .isEqualTo(400);
        assertThat(worker.post("/api/v1/cases/" + caseId + "/follow-ups", Map.of("dueOn", LocalDate.now().plusDays(3).toString())).status())
                .isEqualTo(201);
    }

    @Test
    void aDisabledOwnersOpenCasesWaitForReassignment() {
        String leaving = TestAccounts.create(accounts, Role.CASE_WORKER, COUNTY);
        Http leaver = new Http(port).withToken(leaving, TestAccounts.PASSWORD);
        long caseId = open(person(), "ONGOING");
        act(leaver, caseId, Map.of("action", "START"));
        listeners.on(new AccountDisabled(leaving));
        await().atMost(Duration.ofSeconds(10)).until(() -> county.get("/api/v1/cases?ownerLeft=true&size=1000").json().get("items")
                .findValues("id").stream().map(JsonNode::asLong).toList().contains(caseId));
        assertThat(county.put("/api/v1/cases/" + caseId + "/owner", Map.of("owner", workerName)).status())
                .as("a field worker does not manage cases").isEqualTo(400);
        Http.Response taken = county.put("/api/v1/cases/" + caseId + "/owner", Map.of("owner", countyName));
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().get("owner").asString()).isEqualTo(countyName);
        assertThat(taken.json().get("ownerLeft").asBoolean()).isFalse();
    }

    @Test
    void raisingAPolicyIssueLinksCasesWithoutStoppingThem() {
        long first = open(person(), "ONGOING");
        long second = open(person(), "ONGOING");
        JsonNode raised = act(county, first, Map.of("action", "RAISE_POLICY", "policyTitle", "冬季取暖补贴标准偏低")).json();
        assertThat(raised.get("status").asString()).as("the family's case goes on").isEqualTo("OPEN");
        long issue = raised.get("policyIssueId").asLong();
        assertThat(act(county, second, Map.of("action", "RAISE_POLICY", "policyIssueId", issue)).json().get("policyIssueId").asLong()).isEqualTo(issue);
        assertThat(act(county, second, Map.of("action", "RAISE_POLICY", "policyIssueId", issue)).status()).isEqualTo(409);
        JsonNode report = county.get("/api/v1/policy-issues?regionCode=" + COUNTY).json();
        JsonNode row = null;
        for (JsonNode r : report) {
            if (r.get("id").asLong() == issue) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("cases").asLong()).isEqualTo(2);
        assertThat(row.get("domain").asString()).isEqualTo("LIVING_ASSISTANCE");
        assertThat(worker.post("/api/v1/policy-issues/" + issue + "/status", Map.of("status", "SUBMITTED")).status()).isEqualTo(403);
        assertThat(county.post("/api/v1/policy-issues/" + issue + "/status", Map.of("status", "SUBMITTED")).status()).isEqualTo(204);
        assertThat(county.post("/api/v1/policy-issues/" + issue + "/status", Map.of("status", "CLOSED")).status()).isEqualTo(204);
        assertThat(county.get("/api/v1/policy-issues?regionCode=" + COUNTY).json().findValues("id").stream().map(JsonNode::asLong))
                .as("settled issues leave the report").doesNotContain(issue);
        assertThat(status(first)).as("the cases go on").isEqualTo("OPEN");
    }

    @Test
    void leadersSeeFiguresOfTheirSubtreeButNoCase() {
        open(person(), "URGENT");
        rollups.refreshNow();
        Http leader = new Http(port).withToken(TestAccounts.create(accounts, Role.LEADER, COUNTY), TestAccounts.PASSWORD);
        assertThat(leader.get("/api/v1/cases").status()).isEqualTo(403);
        JsonNode summary = leader.get("/api/v1/cases/summary?regionCode=" + COUNTY).json();
        assertThat(summary.get("total").get("open").asLong()).isPositive();
        assertThat(summary.get("byChild")).isNotEmpty();
        assertThat(leader.get("/api/v1/cases/summary?regionCode=330122000000").status()).as("not their county").isEqualTo(404);
        assertThat(leader.get("/api/v1/policy-issues?regionCode=" + COUNTY).status()).isEqualTo(200);
    }

    @Test
    void theFamilyTimelineHoldsCasesContactsAndFollowUpsInOneLine() {
        long personId = person();
        long caseId = open(personId, "URGENT");
        worker.post("/api/v1/cases/" + caseId + "/contacts", Map.of("mode", "HOME", "spokeWith", "本人"));
        JsonNode timeline = worker.get("/api/v1/families/" + personId + "/timeline").json();
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> kinds.add(e.get("kind").asString()));
        assertThat(kinds).contains("CASE", "CONTACT", "FOLLOW_UP_DUE");
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'FAMILY_TIMELINE_VIEW' and subject_id = ?")
                .param(Long.toString(personId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theHolidayCalendarIsTheSystemAdministratorsAndRefusesDaysOfAnotherYear() {
        // Administrators get no API token without a second factor; the calendar service is called as one.
        org.lastmile.access.CurrentUser admin = new org.lastmile.access.CurrentUser(0, "sysadmin", "系统管理员",
                List.of(new Grant(Role.SYSTEM_ADMIN, null, null)));
        assertThat(county.put("/api/v1/holidays/2031", List.of(Map.of("day", "2031-01-01", "kind", "HOLIDAY", "name", "元旦"))).status())
                .isEqualTo(403);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deadlines.setHolidays(2031,
                List.of(new Deadlines.Holiday(LocalDate.of(2032, 1, 1), WorkingDays.Kind.HOLIDAY, "元旦")), admin))
                .isInstanceOfSatisfying(CaseProblem.class, p -> assertThat(p.firstCode()).isEqualTo("HOLIDAY_YEAR"));
        deadlines.setHolidays(2031, List.of(new Deadlines.Holiday(LocalDate.of(2031, 1, 1), WorkingDays.Kind.HOLIDAY, "元旦"),
                new Deadlines.Holiday(LocalDate.of(2031, 1, 4), WorkingDays.Kind.WORKDAY, "元旦调休")), admin);
        assertThat(county.get("/api/v1/holidays/2031").json()).hasSize(2);
        assertThat(deadlines.due(OffsetDateTime.parse("2030-12-31T09:00:00+08:00").toInstant(), "TEMPORARY", village))
                .as("7 working days from 31 Dec 2030: 1 Jan off, Saturday 4 Jan worked")
                .isEqualTo(OffsetDateTime.parse("2031-01-10T00:00:00+08:00").toInstant());
        assertThat(county.get("/api/v1/holidays/2026").json().size()).as("the 2026 calendar ships").isGreaterThan(30);
    }
}
