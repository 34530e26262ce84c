package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Browser;
import org.lastmile.support.BrowserTest;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The login, second-factor, password and administration pages in Chromium, checked with axe-core. */
@LastmileIntegrationTest
class AccessPagesBrowserTest extends BrowserTest {

    @Autowired
    AccountService accounts;

    private void go(String path) {
        chrome.get("http://localhost:" + port + path);
    }

    private void logIn(String username, String password) {
        chrome.manage().deleteAllCookies();
        go("/login");
        chrome.findElement(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    /** Logs an administrator in, enrolling the second factor shown on the page. */
    private void logInAdministrator(String username) {
        logIn(username, TestAccounts.PASSWORD);
        Browser.awaitPath(chrome, "/login/second-factor");
        String secret = chrome.findElement(By.id("totp-secret")).getText();
        chrome.findElement(By.id("code")).sendKeys(AccessFixtures.code(secret));
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.awaitPath(chrome, "/");
    }

    @Test
    void aWrongPasswordIsAnnouncedAccessibly() {
        logIn("nobody", "Wrong-Password-1");
        assertThat(chrome.findElement(By.cssSelector(".error-summary")).getText()).contains("用户名或密码错误");
        assertAccessible("login with error");
    }

    @Test
    void anAdministratorEnrolsTheSecondFactorAndWorksOnTheAdministrationPages() throws Exception {
        String sysadmin = TestAccounts.create(accounts, List.of(new Grant(Role.SYSTEM_ADMIN, null, null)));
        logIn(sysadmin, TestAccounts.PASSWORD);
        Browser.awaitPath(chrome, "/login/second-factor");
        assertAccessible("second factor enrolment");
        chrome.manage().deleteAllCookies();
        logInAdministrator(sysadmin);

        go("/admin/accounts");
        assertAccessible("accounts");
        chrome.findElement(By.id("username")).sendKeys("BAD NAME");
        chrome.findElement(By.id("displayName")).sendKeys("王芳");
        chrome.findElement(By.cssSelector("section form button[type=submit]")).click();
        assertThat(chrome.findElement(By.cssSelector(".error-summary")).getText()).contains("用户名");
        assertAccessible("accounts with an error");

        String username = "wf-" + System.nanoTime() % 100000;
        chrome.findElement(By.id("username")).clear();
        chrome.findElement(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("displayName")).clear();
        chrome.findElement(By.id("displayName")).sendKeys("王芳");
        chrome.findElement(By.id("phone")).sendKeys("13812341234");
        chrome.findElement(By.cssSelector("section form button[type=submit]")).click();
        assertThat(chrome.findElement(By.cssSelector(".notice")).getText()).contains(username);

        go("/admin/accounts/" + username);
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("138****1234");
        assertAccessible("account");

        java.nio.file.Path sheet = java.nio.file.Files.createTempFile("committee", ".csv");
        java.nio.file.Files.writeString(sheet, "姓名,联系电话,村(社区)代码\n赵六,12345,330122002200\n");
        go("/admin/accounts");
        chrome.findElement(By.id("import-accounts-file")).sendKeys(sheet.toString());
        chrome.findElement(By.cssSelector("#import-accounts-heading + p + form button[type=submit]")).click();
        Browser.awaitText(chrome, By.id("import-status"), "已完成");
        assertThat(chrome.findElement(By.cssSelector("#import-status table")).getText()).contains("手机号码格式不正确");
        assertAccessible("import result");
    }

    @Test
    void theSecurityAndAuditAdministratorsPagesAreAccessible() {
        String secadmin = TestAccounts.create(accounts, List.of(new Grant(Role.SECURITY_ADMIN, null, null)));
        logInAdministrator(secadmin);
        go("/admin/policy");
        assertAccessible("policy");
        String target = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
        go("/admin/accounts/" + target);
        new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("role"))).selectByValue("HOTLINE_OPERATOR");
        chrome.findElement(By.id("regionCode")).sendKeys("330106");
        chrome.findElement(By.cssSelector("form.form button[type=submit]")).click();
        Browser.awaitText(chrome, By.cssSelector("ul.grants"), "330106000000");
        assertAccessible("grants");

        String auditadmin = TestAccounts.create(accounts, List.of(new Grant(Role.AUDIT_ADMIN, null, null)));
        logInAdministrator(auditadmin);
        go("/admin/audit?verify=1");
        assertThat(chrome.getPageSource()).contains("校验通过");
        assertAccessible("audit");
    }

    @Test
    void thePasswordPageIsAccessible() {
        String user = TestAccounts.create(accounts, Role.CASE_WORKER, AccessFixtures.COUNTY);
        String temporary = accounts.resetPassword(user, "test-admin");
        logIn(user, temporary);
        Browser.awaitPath(chrome, "/account/password");
        assertAccessible("password");
        chrome.findElement(By.id("currentPassword")).sendKeys(temporary);
        chrome.findElement(By.id("newPassword")).sendKeys("short");
        chrome.findElement(By.id("confirmPassword")).sendKeys("short");
        chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(chrome.findElement(By.cssSelector(".error-summary")).getText()).contains("至少 8 位");
        assertAccessible("password with errors");
    }
}
