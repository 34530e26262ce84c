package org.lastmile.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real headless Chromium (Debian's chromium and chromium-driver) for browser tests. Where it is
 * missing the test is skipped with a message, unless {@code LASTMILE_REQUIRE_BROWSER=1}, as in CI,
 * makes that a failure.
 */
public final class Browser {

    private static final String AXE_SCRIPT = loadAxe();

    private Browser() {
    }

    public static ChromeDriver start() {
        Path chromium = Path.of(env("LASTMILE_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(env("LASTMILE_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            String message = "Chromium or ChromeDriver missing (" + chromium + ", " + driver
                    + "); install Debian's chromium and chromium-driver to run browser tests";
            if ("1".equals(System.getenv("LASTMILE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(message + " (LASTMILE_REQUIRE_BROWSER=1)");
            }
            System.out.println("[browser tests skipped] " + message);
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        Path profile;
        try {
            profile = Files.createTempDirectory("lastmile-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        ChromeDriver chrome;
        try {
            chrome = new ChromeDriver(service, options) {
                // Each test class starts its own profile (about 3 MB); without this they pile up in the temporary directory.
                @Override
                public void quit() {
                    super.quit();
                    FileSystemUtils.deleteRecursively(profile.toFile());
                }
            };
        } catch (RuntimeException e) {
            FileSystemUtils.deleteRecursively(profile.toFile());
            throw e;
        }
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // After a click the next page may still be loading: element look-ups wait for it.
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return chrome;
    }

    /** The WCAG 2.1 A and AA violations axe-core finds on the current page, as readable lines. */
    @SuppressWarnings("unchecked")
    public static List<String> accessibilityViolations(ChromeDriver chrome) {
        JavascriptExecutor js = chrome;
        js.executeScript(AXE_SCRIPT);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                         + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    private static String loadAxe() {
        try (InputStream in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core webjar missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Logs in through the login page and waits for the home page. */
    public static void logIn(ChromeDriver chrome, int port, String username, String password) {
        chrome.get("http://localhost:" + port + "/login");
        chrome.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        chrome.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        chrome.findElement(org.openqa.selenium.By.cssSelector("main form button[type=submit]")).click();
        awaitHeading(chrome, "欢迎使用基层残疾人服务平台");
    }

    /** Waits until the browser has gone to a URL ending with {@code suffix}. */
    public static void awaitPath(ChromeDriver chrome, String suffix) {
        new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(10))
                .until(driver -> driver.getCurrentUrl().endsWith(suffix));
    }

    /** Waits until the element's text contains {@code text} (a page refreshed by htmx, a list updated). */
    public static void awaitText(ChromeDriver chrome, org.openqa.selenium.By element, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElement(element).getText().contains(text));
    }

    /** Waits until the page's heading reads {@code text} (the page after a click has loaded). */
    public static void awaitHeading(ChromeDriver chrome, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(10))
                .until(driver -> {
                    try {
                        return text.equals(driver.findElement(org.openqa.selenium.By.tagName("h1")).getText());
                    } catch (org.openqa.selenium.StaleElementReferenceException e) {
                        return false;
                    }
                });
    }

    public static Map<String, Object> viewport(ChromeDriver chrome) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) chrome.executeScript(
                "return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};");
        return sizes;
    }
}
