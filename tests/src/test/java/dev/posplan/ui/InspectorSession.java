package dev.posplan.ui;

import dev.posplan.web.PosplanApplication;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.Deflater;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The real application on a random port and Debian's headless Chromium driven through chromedriver, with the
 * page probes the browser tests share: running page script, waiting for a page condition, opening a layout by
 * its share link, asking the API directly, and saving screenshots.
 */
final class InspectorSession implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext app;
    private final Path profile;
    final ChromeDriver driver;
    final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    static boolean browserPresent() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    InspectorSession() throws IOException {
        app = new SpringApplicationBuilder(PosplanApplication.class).run("--server.port=0"); // over application.properties
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        profile = Files.createTempDirectory("posplan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** Runs a script in the page (its `arguments` are args) and answers its return value. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script whose last argument is the callback that answers. */
    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits until a page expression is truthy; a timeout names what was awaited and the page's banner. */
    void await(String expression, Duration timeout, String what) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(25))
                    .until(d -> Boolean.TRUE.equals(js("return !!(" + expression + ");")));
        } catch (TimeoutException e) {
            Object banner = js("const b = document.querySelector('[data-testid=banner]'); return b ? b.textContent : '';");
            throw new AssertionError("timed out waiting for " + what + " (banner: " + banner + ")", e);
        }
    }

    /** How many plans the page has drawn so far. */
    long planned() {
        return ((Number) js("return window.posplan ? window.posplan.state.planned : 0;")).longValue();
    }

    /** Waits until the page has planned more often than `before` (or failed: the problem then fails the test). */
    void awaitPlanned(long before, Duration timeout) {
        await("window.posplan && window.posplan.state.planned > " + before, timeout, "plan " + (before + 1));
    }

    /** The share link of a layout, written as the page writes it: raw deflate, base64url, in the fragment. */
    String link(String layoutJson) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(layoutJson.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        return base + "/#layout=" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** Opens a URL in a fresh document and waits for its first plan. */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
        awaitPlanned(0, Duration.ofSeconds(60));
    }

    /** POSTs JSON to the API and answers the JSON answer (status 200 required). */
    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** Clicks an element after scrolling it to the middle of the viewport (clear of the sticky plan bar). */
    void click(String css) {
        WebElement e = driver.findElement(By.cssSelector(css));
        js("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
    }

    /** The request the page currently plans, as JSON. */
    String pageRequest() {
        return (String) js("return JSON.stringify(window.posplan.state.layout.request);");
    }

    /**
     * Saves a screenshot as NAME.png into -Dposplan.ui.screenshots (relative to the repository root), else
     * into target/ui-screenshots.
     */
    Path screenshot(String name) throws IOException {
        String dir = System.getProperty("posplan.ui.screenshots");
        Path target = dir == null || dir.isBlank() ? Path.of("target", "ui-screenshots")
                : Path.of(dir).isAbsolute() ? Path.of(dir) : Path.of("..").resolve(dir);
        Files.createDirectories(target);
        Path file = target.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            app.close();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
