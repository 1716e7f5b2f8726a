package dev.coflow.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live page ({@code static/index.html}) in headless Chromium driven by Selenium, against the
 * application started on a random loopback port: the stream panel reads a generator fast, at 10 items a
 * second and not at all, and the generator keeps pace (paused, it stops within what the buffers hold);
 * stopping aborts the request and the page shows the generator's {@code finally} ran; the ticker and the
 * quote panel update; the browser logs no error. It leaves a screenshot in {@code target/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them it is skipped, and says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@Timeout(300)
class LivePageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long the produced count must stay the same to count as stopped (the page polls it every 250 ms). */
    private static final Duration STILL = Duration.ofSeconds(2);
    /**
     * What may sit between the generator and a page that stopped reading, in the page's items of 8 KiB:
     * the socket buffers of both ends (Linux autotunes them up to 4 MiB to send and 32 MiB to receive),
     * Netty's outbound buffer, and what Chromium reads ahead of a response body the page does not read
     * (about 60 MiB, measured here), some 100 MiB at most. Measured: a paused page lets the generator run
     * about 8,400 items ahead (of which the two sockets hold some 900). Without backpressure it would run
     * on towards its billion items.
     */
    private static final long BUFFERED_ITEMS = 13_000;

    private static @Nullable ChromeDriver driver;

    @LocalServerPort
    int port;

    /** Starts Chromium, unless it or its driver is missing: then the test skips itself, saying why. */
    @BeforeAll
    static void startChromium(@TempDir Path profile) {
        if (missingBrowser() != null) {
            return;
        }
        // The driver's path is given, so Selenium Manager (which would download one) is not asked.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No network but loopback here: nothing in the background that would try to reach the internet.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1150");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    /** Why the test cannot run here, or null when Chromium and its driver are installed. */
    private static @Nullable String missingBrowser() {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(needed)) {
                return "Skipped: the live page's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian's chromium and chromium-driver), and " + needed + " is missing";
            }
        }
        return null;
    }

    @AfterAll
    static void quitChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void thePageShowsTheGeneratorKeepingPaceItsFinallyTheTickerAndTheQuote() throws IOException {
        String missing = missingBrowser();
        if (missing != null) {
            System.out.println(missing);   // in the build's log too, not only in the test report
        }
        assumeTrue(missing == null, missing);
        WebDriver browser = Objects.requireNonNull(driver);
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        browser.get("http://127.0.0.1:" + port + "/");
        assertEquals("Coflow: backpressure, live", browser.getTitle());

        // Fast: items arrive, and the generator stays at most the buffers ahead.
        click(browser, "stream-start");
        wait.until(d -> count(d, "stream-read") >= 5_000);
        Figures fast = figures(browser);
        assertGap(fast, "reading as fast as they come");

        // 10 per second: the page reads one item at a time, the generator keeps pace.
        click(browser, "pace-slow");
        long slowFrom = count(browser, "stream-read");
        wait.until(d -> count(d, "stream-read") >= slowFrom + 15);
        Figures slow = figures(browser);
        assertGap(slow, "reading 10 per second");

        // Paused: the page reads nothing, and the generator stops once the buffers are full.
        click(browser, "pace-paused");
        long pausedAt = count(browser, "stream-read");
        long produced = producedOnceStill(browser);
        Figures paused = figures(browser);
        assertEquals(pausedAt, paused.read(), "a paused page reads nothing");
        assertTrue(produced - paused.read() <= BUFFERED_ITEMS,
                "paused, the generator stopped within the buffers: produced " + produced + ", read " + paused.read());

        // Stop: the request is aborted, the generator is closed at its yield and its finally runs.
        click(browser, "stream-stop");
        wait.until(d -> text(d, "stream-ended").equals("true"));
        assertEquals("true", text(browser, "stream-cancelled"), "closed by GeneratorExit at its yield");
        assertTrue(text(browser, "stream-state").contains("finally ran"), text(browser, "stream-state"));
        Figures stopped = figures(browser);

        // The ticker (started with the page) ticks over Server-Sent Events.
        wait.until(d -> text(d, "tick-n").matches("\\d+") && Long.parseLong(text(d, "tick-n")) >= 2);

        // The quote: three stub calls in flight together, drawn on the timeline.
        click(browser, "quote-run");
        wait.until(d -> text(d, "quote-state").startsWith("answered"));
        assertEquals("3", text(browser, "quote-concurrent"), "all three stub calls were in flight together");
        List<WebElement> calls = browser.findElements(By.cssSelector("#quote-timeline .row"));
        assertEquals(3, calls.size(), "one row per call");
        long lastStart = 0;
        long firstEnd = Long.MAX_VALUE;
        for (WebElement call : calls) {
            lastStart = Math.max(lastStart, Long.parseLong(call.getDomAttribute("data-start")));
            firstEnd = Math.min(firstEnd, Long.parseLong(call.getDomAttribute("data-end")));
        }
        assertTrue(lastStart < firstEnd, "every call started before any answered: the three overlap");

        Path screenshot = screenshot(browser);

        // Stopping the ticker closes the EventSource: the async generator is cancelled and its finally runs.
        click(browser, "ticker-stop");
        wait.until(d -> text(d, "ticker-state").contains("finally ran"));

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertEquals(List.of(), errors, "the browser logged no error");

        System.out.printf("[live page, %s engine] fast: read %d, produced %d; 10/s: read %d to %d, produced %d;"
                        + " paused: read %d, produced %d (still for %s); stopped: read %d, produced %d, %s;"
                        + " ticker at tick %s; quote: %s calls in flight together; screenshot %s%n",
                System.getProperty("coflow.engine", "default"), fast.read(), fast.produced(), slowFrom,
                slow.read(), slow.produced(), paused.read(), produced, STILL, stopped.read(), stopped.produced(),
                text(browser, "stream-state"), text(browser, "tick-n"), text(browser, "quote-concurrent"),
                screenshot.toAbsolutePath());
    }

    /** What the stream panel shows. */
    private record Figures(long read, long produced) {}

    private static Figures figures(WebDriver browser) {
        return new Figures(count(browser, "stream-read"), count(browser, "stream-produced"));
    }

    private static void assertGap(Figures figures, String how) {
        assertTrue(figures.produced() - figures.read() <= BUFFERED_ITEMS,
                how + ", the generator ran at most the buffers ahead: " + figures);
    }

    /**
     * The produced count once it has stayed the same for {@link #STILL}, checked each time WebDriverWait
     * polls the page: a count that keeps growing fails the wait.
     */
    private static long producedOnceStill(WebDriver browser) {
        long[] last = {-1};
        long[] sinceNanos = {0};
        return new WebDriverWait(browser, TIMEOUT).until(d -> {
            long produced = count(d, "stream-produced");
            long now = System.nanoTime();
            if (produced != last[0]) {
                last[0] = produced;
                sinceNanos[0] = now;
                return null;
            }
            return now - sinceNanos[0] >= STILL.toNanos() ? produced : null;
        });
    }

    private static Path screenshot(WebDriver browser) throws IOException {
        File taken = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "live-page-" + System.getProperty("coflow.engine", "default") + ".png");
        Files.createDirectories(target.getParent());
        return Files.copy(taken.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void click(WebDriver browser, String id) {
        browser.findElement(By.id(id)).click();
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A count as the page shows it ("12,345"). */
    private static long count(WebDriver browser, String id) {
        return Long.parseLong(text(browser, id).replace(",", ""));
    }
}
