package io.github.camelfinsify.flow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.awaitility.Awaitility.await;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through Selenium. The driver
 * and the browser are given explicitly, so Selenium Manager never runs and nothing is downloaded.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /**
     * Debian's Chromium is often newer than the CDP versions Selenium ships; the tests never use CDP, so the
     * "closest CDP version" warning is noise. Held here so the logger keeps its level.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Starts the browser. Fails (never skips) when Chromium or its driver is missing: the flow tests are part of the
     * build.
     */
    static HeadlessChromium start() throws IOException {
        for (String executable : new String[] { CHROMIUM, CHROMEDRIVER }) {
            if (!Files.isExecutable(Paths.get(executable))) {
                throw new AssertionError("The flow tests drive the sandbox's connect page with a real headless "
                                         + "Chromium, but " + executable + " is missing. Install Debian's browser "
                                         + "and driver: apt-get update && apt-get install -y chromium "
                                         + "chromium-driver (.ci/run does it when they are missing).");
            }
        }
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        Path profile = Files.createTempDirectory("finsify-flow-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return new HeadlessChromium(profile, driver);
    }

    /** Opens a page and answers its HTML as the browser holds it. */
    String open(String url) {
        driver.get(url);
        return driver.getPageSource();
    }

    /**
     * Fills the connect page open in the browser, submits it, and waits until the browser has landed on a page under
     * {@code callbackUrl}.
     */
    void submitLogin(String username, String password, String callbackUrl) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
        await("the browser to land on the callback page")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> driver.getCurrentUrl().startsWith(callbackUrl + "/")
                             && "complete".equals(((ChromeDriver) driver).executeScript("return document.readyState")));
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    String pageSource() {
        return driver.getPageSource();
    }

    String title() {
        return driver.getTitle();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
