package org.lastmile.web.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.lastmile.support.LastmileIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell and the region browser in real headless Chromium, checked with axe-core. */
@LastmileIntegrationTest
class ShellBrowserTest {

    static ChromeDriver chrome;
    static String user;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @BeforeAll
    static void startBrowser() {
        chrome = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @BeforeEach
    void logIn() {
        if (user == null) {
            user = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
            chrome.get("http://localhost:" + port + "/login");
            assertAccessible("login");
            chrome.findElement(By.id("username")).sendKeys(user);
            chrome.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
            chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
            Browser.awaitHeading(chrome, "欢迎使用基层残疾人服务平台");
        }
    }

    private void open(String path) {
        chrome.manage().deleteCookieNamed("lastmile-lang");
        chrome.get("http://localhost:" + port + path);
    }

    private void assertAccessible(String page) {
        assertThat(Browser.accessibilityViolations(chrome)).as(page).isEmpty();
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
    void findsPersonsWithoutPuttingTheirNumbersInTheAddressAndShowsThemMasked() {
        open("/persons");
        assertAccessible("persons");
        WebElement box = chrome.findElement(By.id("person-q"));
        box.sendKeys("王");
        box.sendKeys(Keys.ENTER);
        Browser.awaitPath(chrome, "/persons/search");
        assertThat(chrome.getCurrentUrl()).doesNotContain("q=");
        WebElement first = chrome.findElement(By.cssSelector("main table tbody tr a"));
        String name = first.getText();
        assertThat(name).startsWith("王");
        assertAccessible("person search results");
        first.click();
        Browser.awaitHeading(chrome, name);
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("********");
        assertThat(chrome.findElement(By.id("household-heading")).getText()).isEqualTo("家庭");
        assertAccessible("person");

        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("tag"))).selectByValue("BEREAVED");
        chrome.findElement(By.id("source")).sendKeys("入户走访");
        chrome.findElement(By.cssSelector("#tag-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("ul.tags"), "亲属病亡");

        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("status"))).selectByValue("DECEASED");
        chrome.findElement(By.cssSelector("#status-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "请填写日期");
        assertThat(chrome.findElement(By.cssSelector(".error-summary a[href='#date']")).isDisplayed()).isTrue();
        assertAccessible("person with an error");
    }

    @Test
    void aCaseWorkerImportsASpreadsheetAndSeesEachBadRow() throws Exception {
        java.nio.file.Path sheet = java.nio.file.Files.createTempFile("persons", ".csv");
        java.nio.file.Files.writeString(sheet, "姓名,身份证号,残疾人证号,残疾类别,残疾等级,村(社区)代码\n王五,123,12342,肢体,二级,330122002200\n");
        open("/persons");
        chrome.findElement(By.id("import-file")).sendKeys(sheet.toString());
        chrome.findElement(By.cssSelector("#import-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.id("import-status"), "已完成");
        assertThat(chrome.findElement(By.cssSelector("#import-status table")).getText()).contains("身份证号");
        assertAccessible("person import result");
    }

    @Test
    void registersAPersonOnAPageWithErrorsLinkedToTheirFields() {
        open("/persons/new");
        assertAccessible("registration form");
        chrome.findElement(By.id("name")).sendKeys("X");
        chrome.findElement(By.id("idNumber")).sendKeys("110105194912310021");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "校验位");
        assertThat(chrome.findElement(By.cssSelector(".error-summary a[href='#idNumber']")).isDisplayed()).isTrue();
        assertAccessible("registration form with errors");

        String first17 = "33990119800101" + String.format("%03d", (int) (System.nanoTime() % 1000));
        String id = first17 + org.lastmile.registry.IdNumber.checkCharacter(first17);
        chrome.findElement(By.id("name")).clear();
        chrome.findElement(By.id("name")).sendKeys("郑十");
        chrome.findElement(By.id("idNumber")).clear();
        chrome.findElement(By.id("idNumber")).sendKeys(id);
        chrome.findElement(By.id("certificateNumber")).sendKeys(id + "42");
        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("disabilityCategory"))).selectByValue("4");
        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("disabilityGrade"))).selectByValue("2");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitHeading(chrome, "郑十");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("********");
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
