package org.lastmile.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser test shares: one headless Chromium per test class, the application's port, opening
 * a page in zh-CN and checking it with axe-core. Subclasses carry {@link LastmileIntegrationTest}.
 */
public abstract class BrowserTest {

    protected static ChromeDriver chrome;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser() {
        chrome = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
            chrome = null;
        }
    }

    /** Opens a page in the default language (the remembered language switch is forgotten first). */
    protected void open(String path) {
        chrome.manage().deleteCookieNamed("lastmile-lang");
        chrome.get("http://localhost:" + port + path);
    }

    protected void assertAccessible(String page) {
        assertThat(Browser.accessibilityViolations(chrome)).as(page).isEmpty();
    }
}
