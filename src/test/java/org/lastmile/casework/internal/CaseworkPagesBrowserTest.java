package org.lastmile.casework.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** The casework pages in Chromium, each checked with axe-core: the board, a case, a family, the inbox, figures and settings. */
@LastmileIntegrationTest
class CaseworkPagesBrowserTest extends BrowserTest {

    static final long DEMO_COUNTY = 330122000000L;

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCaseWorkerTakesACaseForwardAndEveryPageIsAccessible() {
        chrome.manage().deleteAllCookies();
        Browser.logIn(chrome, port, TestAccounts.create(accounts, Role.CASE_WORKER, DEMO_COUNTY), TestAccounts.PASSWORD);
        open("/cases");
        assertAccessible("case board");
        long open = jdbc.sql("select id from casework_case where status = 'OPEN' and village_code between ? and ? order by id desc limit 1")
                .params(DEMO_COUNTY, DEMO_COUNTY + 999_999_999L).query(Long.class).single();
        open("/cases/" + open);
        assertAccessible("an open case");
        chrome.findElement(By.cssSelector("#action-START button")).click();
        Browser.awaitText(chrome, By.cssSelector("main"), "已开始办理。");
        chrome.findElement(By.cssSelector("#action-RESOLVE button")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "请写明怎样解决的");
        assertAccessible("a case with a refusal");
        long personId = jdbc.sql("select person_id from casework_case where id = ?").param(open).query(Long.class).single();
        open("/families/" + personId);
        assertAccessible("family timeline");
        open("/cases/new?personId=" + personId);
        assertAccessible("open a case");
        open("/cases/summary");
        assertAccessible("figures");
        open("/cases/policy-issues");
        assertAccessible("policy issues");
        open("/cases/settings");
        assertAccessible("deadlines");
        open("/notifications");
        assertAccessible("notifications");
    }

    @Test
    void aLiaisonAnswersAReferral() {
        long civil = jdbc.sql("select id from region_department where division_code = ? and type = 'CIVIL_AFFAIRS'").param(DEMO_COUNTY)
                .query(Long.class).single();
        chrome.manage().deleteAllCookies();
        Browser.logIn(chrome, port, TestAccounts.create(accounts, List.of(new Grant(Role.DEPARTMENT_LIAISON, DEMO_COUNTY, civil))),
                TestAccounts.PASSWORD);
        open("/referrals");
        assertAccessible("inbox");
        long referral = jdbc.sql("select id from casework_referral where department_id = ? and status = 'ASKED' order by id desc limit 1")
                .param(civil).query(Long.class).single();
        open("/referrals/" + referral);
        assertAccessible("referral");
        chrome.findElement(By.cssSelector("label[for='answer-DONE']")).click();
        chrome.findElement(By.id("text")).sendKeys("已纳入临时救助");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("main"), "答复已提交。");
        assertAccessible("answered referral");
    }
}
