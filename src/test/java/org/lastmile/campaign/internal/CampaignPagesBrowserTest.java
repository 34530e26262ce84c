package org.lastmile.campaign.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A village worker's campaign on a phone-sized Chromium: review and confirm the list, then visit from the worklist. */
@LastmileIntegrationTest
class CampaignPagesBrowserTest extends BrowserTest {

    static final String VILLAGE = "330122002204";

    @Autowired
    Accounts accounts;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aVillageWorkerConfirmsTheListAndRecordsAVisitFromTheWorklist() {
        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        long id = county.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "330122",
                "startsOn", LocalDate.now().minusDays(3).toString(), "endsOn", LocalDate.now().plusDays(60).toString())).json().get("id").asLong();
        county.awaitJob(county.post("/api/v1/campaigns/" + id + "/screen", Map.of()).header("Location").replaceFirst("^https?://[^/]+", ""));

        String worker = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(VILLAGE));
        chrome.manage().deleteAllCookies();
        Browser.logIn(chrome, port, worker, TestAccounts.PASSWORD);
        chrome.manage().window().setSize(new Dimension(360, 740));
        try {
            open("/campaigns");
            assertAccessible("campaigns");
            open("/campaigns/" + id);
            assertAccessible("coverage of the county");
            open("/campaigns/" + id + "/review?village=" + VILLAGE);
            assertAccessible("the village's list");
            chrome.findElement(By.cssSelector("form[action$='/review/confirm'] button")).click();
            Browser.awaitText(chrome, By.cssSelector("main"), "名单已由");

            open("/worklist");
            assertAccessible("worklist");
            chrome.findElement(By.cssSelector(".worklist a.button")).click();
            Browser.awaitText(chrome, By.tagName("h1"), "记录对");
            assertAccessible("visit form");
            chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
            Browser.awaitText(chrome, By.id("visit-errors"), "不是可选的值");
            assertThat(chrome.findElement(By.cssSelector("#visit-errors a[href='#mode']")).isDisplayed()).isTrue();
            assertAccessible("visit form with errors");
            chrome.findElement(By.cssSelector("label[for='mode-PHONE']")).click();
            chrome.findElement(By.cssSelector("label[for='outcome-MET']")).click();
            new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("difficulty1Domain"))).selectByValue("CARE");
            chrome.findElement(By.id("difficulty1Description")).sendKeys("需要照料");
            chrome.findElement(By.cssSelector("label[for='sn-H04-DEVICE']")).click();
            chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
            Browser.awaitText(chrome, By.id("sync-bar"), "全部已发送");
            assertThat(jdbc.sql("select count(*) from registry_status_save where answers -> 'H04' is not null and source = 'VISIT' and answered_by = ?")
                    .param(worker).query(Long.class).single()).as("the status-and-needs item confirmed on the visit").isEqualTo(1);
            open("/worklist/print");
            assertAccessible("printable worklist");
            open("/worklist/print-form");
            assertAccessible("printable blank visit form");
        } finally {
            chrome.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
