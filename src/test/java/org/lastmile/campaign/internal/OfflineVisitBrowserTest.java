package org.lastmile.campaign.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.NetworkSwitch;
import org.lastmile.support.TestAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits without signal, in Chromium with the network switched off and on: queued on the phone, sent when
 * the signal returns, a family changed meanwhile shown as a conflict, an expired login not losing the queue,
 * and the offline download wiped at logout.
 */
@LastmileIntegrationTest
class OfflineVisitBrowserTest extends BrowserTest {

    static final String VILLAGE = "330122002206";
    NetworkSwitch network;

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    /** No signal for everything the browser does (the switch), and the page told so too (Chromium's emulation). */
    private void offline(boolean off) {
        if (off) {
            network.off();
            ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            chrome.setNetworkConditions(conditions);
        } else {
            chrome.deleteNetworkConditions();
            network.on();
        }
    }

    private String url(String path) {
        return "http://localhost:" + network.port() + path;
    }

    private Object script(String js) {
        return chrome.executeAsyncScript("const done = arguments[arguments.length - 1];" + js);
    }

    private long visits(long target) {
        return jdbc.sql("select count(*) from campaign_visit where target_id = ?").param(target).query(Long.class).single();
    }

    private void recordOffline(long target, String outcome) {
        chrome.get(url("/visits/new?target=" + target));
        Browser.awaitText(chrome, By.tagName("h1"), "记录对");
        chrome.findElement(By.cssSelector("label[for='mode-PHONE']")).click();
        chrome.findElement(By.cssSelector("label[for='outcome-" + outcome + "']")).click();
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitPath(chrome, "/worklist");
    }

    @Test
    void queuesVisitsWithoutSignalAndSendsThemWhenItReturns() {
        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        long campaign = county.post("/api/v1/campaigns", Map.of("template", "covid-2020", "ownerCode", "330122",
                "startsOn", LocalDate.now().minusDays(1).toString(), "endsOn", LocalDate.now().plusDays(30).toString())).json().get("id").asLong();
        county.awaitJob(county.post("/api/v1/campaigns/" + campaign + "/screen", Map.of()).header("Location").replaceFirst("^https?://[^/]+", ""));
        String worker = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(VILLAGE));
        Http api = new Http(port).withToken(worker, TestAccounts.PASSWORD);
        api.post("/api/v1/campaigns/" + campaign + "/villages/" + VILLAGE + "/confirm", Map.of());
        List<Long> targets = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/campaigns/" + campaign + "/targets?regionCode=" + VILLAGE + "&status=OPEN&size=10").json().get("items")) {
            targets.add(t.get("id").asLong());
        }
        assertThat(targets).as("the village needs three families on the list").hasSizeGreaterThanOrEqualTo(3);
        long first = targets.get(0);
        long changed = targets.get(1);
        long third = targets.get(2);

        network = new NetworkSwitch(port);
        chrome.manage().deleteAllCookies();
        Browser.logIn(chrome, network.port(), worker, TestAccounts.PASSWORD);
        chrome.get(url("/worklist"));
        assertThat(script("navigator.serviceWorker.ready.then(() => done(true));")).isEqualTo(true);
        chrome.findElement(By.id("offline-download")).click();
        Browser.awaitText(chrome, By.id("offline-download"), "已下载");
        assertThat(chrome.findElement(By.cssSelector(".call a")).getDomAttribute("href")).startsWith("tel:");
        long reveals = jdbc.sql("select count(*) from access_audit where action = 'PHONE_REVEAL_LIST' and account = ?").param(worker)
                .query(Long.class).single();
        assertThat(reveals).as("one reveal for the whole download").isEqualTo(1);

        try {
            offline(true);
            recordOffline(first, "MET");
            Browser.awaitText(chrome, By.id("sync-bar"), "1 条走访等待发送");
            // Someone else (a colleague of the village) records a visit to the second family while this phone has no signal.
            Http colleague = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(VILLAGE)), TestAccounts.PASSWORD);
            colleague.post("/api/v1/visits", Map.of("clientId", UUID.randomUUID().toString(), "targetId", changed, "mode", "HOME",
                    "visitedAt", OffsetDateTime.now().toString(), "outcome", "NOT_AT_HOME"));
            recordOffline(changed, "MET");
            Browser.awaitText(chrome, By.id("sync-bar"), "2 条走访等待发送");
            assertThat(visits(first)).as("nothing reached the server yet").isZero();
        } finally {
            offline(false);
        }
        chrome.get(url("/worklist"));
        Browser.awaitText(chrome, By.id("sync-conflicts"), "已被他人更新");
        assertThat(visits(first)).as("sent when the signal returned").isEqualTo(1);
        assertThat(visits(changed)).as("the conflict waits for the worker").isEqualTo(1);
        assertThat(Browser.accessibilityViolations(chrome)).as("worklist with a conflict").isEmpty();
        chrome.findElement(By.cssSelector("#sync-conflicts button:not(.secondary)")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(10)).until(d -> visits(changed) == 2);

        try {
            offline(true);
            recordOffline(third, "NOT_AT_HOME");
            chrome.manage().deleteCookieNamed("SESSION");
        } finally {
            offline(false);
        }
        chrome.get(url("/worklist"));
        Browser.awaitPath(chrome, "/login");
        assertThat(visits(third)).isZero();
        // Logging in again, then the worklist's script sends what waited. (Right after the signal returns the first
        // connection may still be a dead one, as on a real phone: a login that did not go through is simply tried again.)
        for (int attempt = 0; attempt < 3 && chrome.getCurrentUrl().contains("/login"); attempt++) {
            if (attempt > 0) {
                chrome.get(url("/login"));
            }
            chrome.findElement(By.id("username")).sendKeys(worker);
            chrome.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
            chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
            try {
                new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(5)).until(d -> !d.getCurrentUrl().contains("/login"));
            } catch (org.openqa.selenium.TimeoutException e) {
                System.out.println("Login attempt " + attempt + " stayed at " + chrome.getCurrentUrl());
            }
        }
        chrome.get(url("/worklist"));
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(20)).until(d -> visits(third) == 1);
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("DEBUG url=" + chrome.getCurrentUrl() + " bar=" + chrome.findElements(By.id("sync-bar")).stream().map(b -> b.getText()).toList()
                    + " queue=" + script("indexedDB.open('lastmile-offline', 1).onsuccess = e => { const r = e.target.result.transaction('queue')"
                    + ".objectStore('queue').getAll(); r.onsuccess = () => done(JSON.stringify(r.result)); };"));
            throw e;
        }

        chrome.findElement(By.cssSelector("form.logout button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        Object left = script("indexedDB.open('lastmile-offline', 1).onsuccess = e => { const r = e.target.result.transaction('families')"
                + ".objectStore('families').count(); r.onsuccess = () => caches.has('lastmile-pages-v1').then(c => done([r.result, c])); };");
        assertThat(left).as("the offline download is wiped at logout").isEqualTo(List.of(0L, false));
        network.close();
    }
}
