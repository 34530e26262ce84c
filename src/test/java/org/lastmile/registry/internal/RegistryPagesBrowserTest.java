package org.lastmile.registry.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's pages in real headless Chromium, as a county case worker uses them, each checked with axe-core. */
@LastmileIntegrationTest
class RegistryPagesBrowserTest extends BrowserTest {

    static String user;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void logIn() {
        if (user == null) {
            user = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
            Browser.logIn(chrome, port, user, TestAccounts.PASSWORD);
        }
    }

    private long registered() {
        Http api = new Http(port).withToken(user, TestAccounts.PASSWORD);
        return api.post("/api/v1/persons", Persons.aCertifiedAdult(Persons.freshIdNumber())).json().get("id").asLong();
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
    void registersAMultipleDisabilityWithItsParts() {
        open("/persons/new");
        new Select(chrome.findElement(By.id("disabilityCategory"))).selectByValue("7");
        chrome.findElement(By.cssSelector("details.components summary")).click();
        new Select(chrome.findElement(By.id("component1Category"))).selectByValue("1");
        new Select(chrome.findElement(By.id("component1Grade"))).selectByValue("2");
        assertAccessible("registration with the parts of a multiple disability open");
        chrome.findElement(By.id("name")).sendKeys("钱多");
        chrome.findElement(By.id("idNumber")).sendKeys(Persons.freshIdNumber());
        chrome.findElement(By.cssSelector("main form.form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "至少两种");
        assertThat(chrome.findElement(By.cssSelector("details.components")).getDomAttribute("open")).isNotNull();
        assertAccessible("multiple disability refused");
        new Select(chrome.findElement(By.id("component2Category"))).selectByValue("3");
        new Select(chrome.findElement(By.id("component2Grade"))).selectByValue("3");
        chrome.findElement(By.cssSelector("main form.form button[type=submit]")).click();
        Browser.awaitHeading(chrome, "钱多");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("多重残疾").contains("视力残疾 · 二级").contains("言语残疾 · 三级");
    }

    @Test
    void changesARecordAndShowsWhatSomeoneElseSavedMeanwhile() {
        long id = registered();
        open("/persons/" + id);
        chrome.findElement(By.linkText("修改信息")).click();
        Browser.awaitHeading(chrome, "修改 张三 的信息");
        assertAccessible("edit form");

        Http other = new Http(port).withToken(user, TestAccounts.PASSWORD);
        other.json("PATCH", "/api/v1/persons/" + id, Map.of("address", "桐庐县城南街道 9 号"), "If-Match", "\"0\"");

        WebElement address = chrome.findElement(By.id("address"));
        address.clear();
        address.sendKeys("桐庐县城南街道 5 号");
        chrome.findElement(By.cssSelector("main form.form button[type=submit]")).click();
        Browser.awaitText(chrome, By.id("conflict"), "桐庐县城南街道 9 号");
        assertThat(chrome.findElement(By.id("address")).getDomProperty("value")).isEqualTo("桐庐县城南街道 5 号");
        assertAccessible("edit form with a conflict");
        chrome.findElement(By.cssSelector("main form.form button[type=submit]")).click();
        Browser.awaitHeading(chrome, "张三");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("桐庐县城南街道 5 号");
    }

    @Test
    void keepsTheHouseholdAndMovesThePerson() {
        long id = registered();
        open("/persons/" + id + "/household");
        assertAccessible("no household yet");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitText(chrome, By.id("members-heading"), "家庭成员");
        chrome.findElement(By.id("name")).sendKeys("张小明");
        new Select(chrome.findElement(By.id("relation"))).selectByValue("CHILD");
        chrome.findElement(By.cssSelector("#add-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("main table"), "张小明");
        assertAccessible("household");

        chrome.findElement(By.id("carerName")).sendKeys("李梅");
        chrome.findElement(By.cssSelector("#details-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("main table"), "张小明");
        assertThat(chrome.findElement(By.id("carerName")).getDomProperty("value")).isEqualTo("李梅");

        open("/persons/" + id + "/transfer");
        assertAccessible("move");
        new Select(chrome.findElement(By.id("villageCode"))).selectByValue(Persons.NEIGHBOUR);
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitHeading(chrome, "张三");
        assertThat(chrome.findElements(By.cssSelector("nav.breadcrumb li a")).stream().map(WebElement::getText).toList())
                .anySatisfy(step -> assertThat(step).startsWith("西武山村"));
    }

    @Test
    void theTransferRequestPagesAreAccessible() {
        open("/transfer-requests");
        assertAccessible("transfer requests");
        chrome.findElement(By.linkText("申请迁入")).click();
        Browser.awaitHeading(chrome, "申请迁入");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "理由");
        assertAccessible("transfer request with errors");
    }

    @Test
    void exportsTheSearchAsAJobAndOffersTheFile() {
        open("/persons");
        WebElement box = chrome.findElement(By.id("person-q"));
        box.sendKeys("王");
        box.sendKeys(Keys.ENTER);
        Browser.awaitPath(chrome, "/persons/search");
        chrome.findElement(By.id("reveal-phone")).click();
        chrome.findElement(By.cssSelector("#export-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector(".error-summary"), "用途");
        assertAccessible("export refused without a purpose");
        chrome.findElement(By.id("format-csv")).click();
        chrome.findElement(By.id("purpose")).sendKeys("核对低保名单");
        chrome.findElement(By.cssSelector("#export-heading ~ form button[type=submit]")).click();
        Browser.awaitText(chrome, By.id("export-status"), "导出完成");
        assertThat(chrome.findElement(By.cssSelector("#export-status a")).getText()).contains("persons.csv");
        assertAccessible("export finished");
    }

    @Test
    void theStatusAndNeedsFormAndItsListsAreAccessible() {
        long id = registered();
        open("/persons/" + id + "/status-needs");
        assertAccessible("status-and-needs form");
        chrome.findElement(By.cssSelector("label[for='H01-YES']")).click();
        chrome.findElement(By.cssSelector("#topic-HEALTH button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("main"), "患病未就诊的主要原因");
        assertAccessible("status-and-needs form after a save");
        open("/status-needs?region=" + Persons.VILLAGE);
        assertAccessible("a village's completion");
        open("/status-needs?region=330122000000");
        assertAccessible("the county's completion by village");
    }

    @Test
    void thePreciseIdentificationPagesAreAccessible() {
        open("/flags");
        assertAccessible("flags of the county with counts");
        open("/flags?type=CERTIFICATE_EXPIRING&region=" + Persons.VILLAGE);
        assertAccessible("a village's expiring certificates");
        open("/flag-rules");
        assertAccessible("the province's rules");
    }
}
