package org.lastmile.web.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.lastmile.support.LastmileIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell and the region browser in real headless Chromium, checked with axe-core. */
@LastmileIntegrationTest
class ShellBrowserTest extends BrowserTest {

    static String user;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void logIn() {
        if (user == null) {
            user = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
            chrome.get("http://localhost:" + port + "/login");
            assertAccessible("login");
            Browser.logIn(chrome, port, user, TestAccounts.PASSWORD);
        }
    }

    @Test
    void drillsFromTheNationToAVillageAccessiblyShowingThePath() {
        open("/");
        assertThat(chrome.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertAccessible("home");

        chrome.findElement(By.linkText("区划与组织")).click();
        Browser.awaitHeading(chrome, "全国");
        assertAccessible("nation");

        for (String place : List.of("浙江省", "杭州市", "桐庐县")) {
            chrome.findElement(By.cssSelector("main table")).findElement(By.linkText(place)).click();
            Browser.awaitHeading(chrome, place);
        }
        assertThat(breadcrumb()).containsExactly("全国", "浙江省", "杭州市", "桐庐县");
        assertAccessible("county");

        WebElement townshipLink = chrome.findElement(By.cssSelector("main table tbody tr a"));
        String township = townshipLink.getText();
        townshipLink.click();
        Browser.awaitHeading(chrome, township);
        WebElement villageLink = chrome.findElement(By.cssSelector("main table tbody tr a"));
        String village = villageLink.getText();
        villageLink.click();
        Browser.awaitHeading(chrome, village);
        assertThat(breadcrumb()).containsExactly("全国", "浙江省", "杭州市", "桐庐县", township, village);
        assertThat(chrome.findElement(By.id("association-heading")).getText()).isEqualTo("村（社区）残疾人协会");
        assertAccessible("village");
    }

    @Test
    void searchesForAPlaceAccessibly() {
        open("/regions");
        WebElement box = chrome.findElement(By.id("region-q"));
        box.sendKeys("上保社区");
        box.sendKeys(Keys.ENTER);
        Browser.awaitPath(chrome, "/regions/search?q=%E4%B8%8A%E4%BF%9D%E7%A4%BE%E5%8C%BA");
        assertThat(chrome.findElement(By.cssSelector("main table caption")).getText()).contains("上保社区");
        assertAccessible("search results");
        chrome.findElement(By.linkText("上保社区")).click();
        Browser.awaitHeading(chrome, "上保社区");
        assertThat(breadcrumb()).containsExactly("全国", "浙江省", "杭州市", "西湖区", "北山街道", "上保社区");
    }

    @Test
    void switchesToEnglishAndKeepsIt() {
        open("/regions/330122");
        chrome.findElement(By.cssSelector("a.language-switch")).click();
        assertThat(chrome.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        Browser.awaitPath(chrome, "/regions/330122?lang=en");
        assertAccessible("county in English");
        chrome.get("http://localhost:" + port + "/");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome to Lastmile");
    }

    @Test
    void theSkipLinkIsTheFirstThingTheKeyboardReaches() {
        open("/regions/330122");
        chrome.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = chrome.switchTo().activeElement();
        assertThat(focused.getDomAttribute("class")).isEqualTo("skip-link");
        assertThat(focused.isDisplayed()).isTrue();
        focused.sendKeys(Keys.ENTER);
        assertThat(chrome.switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
    }

    @Test
    void fitsA360PixelPhoneWithoutSidewaysScrolling() {
        Dimension before = chrome.manage().window().getSize();
        try {
            chrome.manage().window().setSize(new Dimension(360, 740));
            for (String path : List.of("/", "/regions", "/regions/330122", "/regions/330106002051", "/persons")) {
                open(path);
                var viewport = Browser.viewport(chrome);
                assertThat(((Number) viewport.get("scrollWidth")).intValue()).as(path)
                        .isLessThanOrEqualTo(((Number) viewport.get("innerWidth")).intValue());
                assertAccessible(path + " on a phone");
            }
        } finally {
            chrome.manage().window().setSize(before);
        }
    }

    @Test
    void theErrorPageIsAccessibleToo() {
        open("/regions/999999");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).contains("404");
        assertAccessible("404");
    }

    @Test
    void theAccessibilityCheckFindsAViolationWhenThereIsOne() {
        open("/");
        chrome.executeScript("const i = document.createElement('img'); i.src = '/favicon.svg';"
                + " document.querySelector('main').appendChild(i);");
        assertThat(Browser.accessibilityViolations(chrome)).anySatisfy(v -> assertThat(v).startsWith("image-alt"));
    }

    private List<String> breadcrumb() {
        return chrome.findElements(By.cssSelector("nav.breadcrumb li a")).stream().map(WebElement::getText).toList();
    }
}
