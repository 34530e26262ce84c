package org.lastmile.casework.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The casework pages over the demo county: the board, a case and its buttons, forms, the inbox, figures and the Excel downloads. */
@LastmileIntegrationTest
class CaseworkPagesIntegrationTest {

    static final long DEMO_COUNTY = 330122000000L;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private Http caseWorker() {
        Http http = new Http(port);
        http.loginPage(TestAccounts.create(accounts, Role.CASE_WORKER, DEMO_COUNTY), TestAccounts.PASSWORD);
        return http;
    }

    private long demoCase(String status) {
        return jdbc.sql("select id from casework_case where status = ? and village_code between ? and ? and not owner_left order by id limit 1")
                .params(status, DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(Long.class).single();
    }

    @Test
    void theBoardListsCasesOverdueFirstAndFiltersByStatus() {
        Http staff = caseWorker();
        String board = staff.get("/cases").body();
        assertThat(board).contains("<h1>案件</h1>").contains("已转办部门");
        String referred = staff.get("/cases?status=REFERRED").body();
        assertThat(referred).contains("已转办部门").doesNotContain("<td>已办结</td>");
        assertThat(staff.get("/cases?status=NOPE").status()).isEqualTo(400);
        assertThat(staff.get("/cases?ownerLeft=true").body()).contains("demo-former");
    }

    @Test
    void aCasePageOffersTheAllowedStepsAndAStepTakenByFormShowsInItsHistory() {
        Http staff = caseWorker();
        long open = demoCase("OPEN");
        String page = staff.get("/cases/" + open).body();
        assertThat(page).contains("开始办理").contains("转办部门").contains("上报上级").doesNotContain("核实后办结");
        Http.Response started = staff.postForm("/cases/" + open, "/cases/" + open + "/transitions", Map.of("action", "START"));
        assertThat(started.status()).isEqualTo(302);
        assertThat(staff.get("/cases/" + open).body()).contains("已开始办理。").contains("办理中");

        staff.postForm("/cases/" + open, "/cases/" + open + "/transitions", Map.of("action", "REFER", "departmentId", "", "ask", ""));
        assertThat(staff.get("/cases/" + open).body()).as("the refusal is shown at the top").contains("请选择这户所在县或乡镇的部门");

        long resolved = demoCase("RESOLVED");
        staff.postForm("/cases/" + resolved, "/cases/" + resolved + "/transitions", Map.of("action", "CLOSE"));
        assertThat(staff.get("/cases/" + resolved).body()).contains("办结前需要核实回访");
        staff.postForm("/cases/" + resolved, "/cases/" + resolved + "/contacts", Map.of("mode", "PHONE", "spokeWith", "本人",
                "verification", "true", "familyConfirms", "true"));
        staff.postForm("/cases/" + resolved, "/cases/" + resolved + "/transitions", Map.of("action", "CLOSE"));
        assertThat(jdbc.sql("select status from casework_case where id = ?").param(resolved).query(String.class).single()).isEqualTo("CLOSED");
    }

    @Test
    void opensACaseByHandFromThePersonAndShowsTheFamilysTimeline() {
        Http staff = caseWorker();
        long personId = jdbc.sql("select person_id from casework_case where status = 'CLOSED' and village_code between ? and ? order by id limit 1")
                .params(DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(Long.class).single();
        assertThat(staff.get("/cases/new?personId=" + personId).body()).contains("立案");
        Http.Response opened = staff.postForm("/cases/new?personId=" + personId, "/cases", Map.of("personId", Long.toString(personId),
                "clientId", java.util.UUID.randomUUID().toString(), "domain", "SCHOOLING", "urgency", "TEMPORARY", "description", "孩子上学路远"));
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.header("Location")).matches(".*/cases/\\d+");
        Http.Response missing = staff.postForm("/cases/new?personId=" + personId, "/cases", Map.of("personId", Long.toString(personId)));
        assertThat(staff.get(missing.header("Location").replaceFirst("^https?://[^/]+", "")).body()).contains("请描述困难");
        String family = staff.get("/families/" + personId).body();
        assertThat(family).contains("时间线").contains("孩子上学路远").contains("已办结");
    }

    @Test
    void theLiaisonAnswersInTheInboxAndEveryListDownloadsAsExcel() {
        long civil = jdbc.sql("select id from region_department where division_code = ? and type = 'CIVIL_AFFAIRS'").param(DEMO_COUNTY)
                .query(Long.class).single();
        Http liaison = new Http(port);
        liaison.loginPage(TestAccounts.create(accounts, List.of(new Grant(Role.DEPARTMENT_LIAISON, DEMO_COUNTY, civil))), TestAccounts.PASSWORD);
        String inbox = liaison.get("/referrals").body();
        assertThat(inbox).contains("部门转办事项").contains("待答复");
        long referral = jdbc.sql("select id from casework_referral where department_id = ? and status = 'ASKED' order by id limit 1").param(civil)
                .query(Long.class).single();
        assertThat(liaison.get("/referrals/" + referral).body()).contains("提交答复");
        liaison.postForm("/referrals/" + referral, "/referrals/" + referral + "/answer", Map.of("answer", "DECLINED"));
        assertThat(liaison.get("/referrals/" + referral).body()).contains("请写明不予办理的理由");
        liaison.postForm("/referrals/" + referral, "/referrals/" + referral + "/answer", Map.of("answer", "ACCEPTED"));
        assertThat(liaison.get("/referrals/" + referral).body()).contains("答复已提交。").contains("已受理");
        assertThat(liaison.get("/cases").status()).isEqualTo(403);
        assertXlsx(liaison.getBytes("/referrals.xlsx?status=ALL"));

        Http staff = caseWorker();
        assertXlsx(staff.getBytes("/cases.xlsx?status=REFERRED"));
        assertXlsx(staff.getBytes("/cases/policy-issues.xlsx?region=" + DEMO_COUNTY));
        long personId = jdbc.sql("select person_id from casework_case where village_code between ? and ? order by id limit 1")
                .params(DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(Long.class).single();
        assertXlsx(staff.getBytes("/families/" + personId + "/timeline.xlsx"));
        assertThat(jdbc.sql("select count(*) from access_audit where action in ('CASE_EXPORT', 'REFERRAL_EXPORT', 'FAMILY_TIMELINE_EXPORT')")
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void leadersReadFiguresAndPolicyIssuesAndStaffKeepTheirCountysDeadlines() {
        Http leader = new Http(port);
        leader.loginPage(TestAccounts.create(accounts, Role.LEADER, DEMO_COUNTY), TestAccounts.PASSWORD);
        String summary = leader.get("/cases/summary").body();
        assertThat(summary).contains("案件统计").contains("下一级各地");
        String issue = jdbc.sql("select title from casework_policy_issue where place_code between ? and ? order by id limit 1")
                .params(DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(String.class).single();
        assertThat(leader.get("/cases/policy-issues").body()).contains(issue);
        assertThat(leader.get("/cases").status()).isEqualTo(403);

        Http staff = caseWorker();
        assertThat(staff.get("/cases/settings").body()).contains("桐庐县").contains("沿用全国默认");
        try {
            Http.Response saved = staff.postForm("/cases/settings", "/cases/settings", Map.of("place", Long.toString(DEMO_COUNTY), "amount.SUDDEN", "2",
                    "amount.URGENT", "3", "amount.TEMPORARY", "7", "working.TEMPORARY", "true", "amount.ONGOING", "30"));
            assertThat(staff.get(path(saved)).body()).contains("期限已保存。").doesNotContain("沿用全国默认");
            Http.Response refused = staff.postForm("/cases/settings", "/cases/settings", Map.of("place", Long.toString(DEMO_COUNTY), "amount.SUDDEN", "x",
                    "amount.URGENT", "3", "amount.TEMPORARY", "7", "amount.ONGOING", "30"));
            assertThat(staff.get(path(refused)).body()).contains("期限应为 1 到 365 天");
        } finally {
            jdbc.sql("delete from casework_deadline_rule where place_code = ?").param(DEMO_COUNTY).update();
        }
        assertThat(staff.get("/notifications").body()).contains("通知");
    }

    @Test
    void theVillageWorkersCaseListIsLight() {
        long village = jdbc.sql("select village_code from casework_case where village_code between ? and ? group by village_code order by count(*) desc limit 1")
                .params(DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(Long.class).single();
        Http worker = new Http(port);
        worker.loginPage(TestAccounts.create(accounts, Role.FIELD_WORKER, village), TestAccounts.PASSWORD);
        byte[] page = worker.get("/cases").body().getBytes(StandardCharsets.UTF_8);
        assertThat(page.length).as("the case list, HTML").isLessThan(150 * 1024);
    }

    private static String path(Http.Response redirect) {
        return redirect.header("Location").replaceFirst("^https?://[^/]+", "");
    }

    private static void assertXlsx(byte[] bytes) {
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 0, 2, StandardCharsets.ISO_8859_1)).as("a zip (xlsx)").isEqualTo("PK");
    }
}
