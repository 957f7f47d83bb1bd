package org.natca.intercom.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.app.server.WebhookServer;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.config.Config;
import org.natca.intercom.member.Databases;
import org.natca.intercom.sandbox.db.SandboxPostgres;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;
import org.natca.intercom.webhook.WebhookInbox;
import org.natca.intercom.webhook.WorkerOptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page of {@code webhook-serve} in a real browser: Debian's headless Chromium, driven by its
 * chromedriver through Selenium, opens {@code GET /status} of the real server (built by the composition
 * root as the command builds it) over a real PostgreSQL whose run history real {@code daily-sync} runs
 * against the Intercom emulator left on five days (failures, a blocked contact, a conflict), plus a
 * webhook event that ended failed. It checks that the chart holds one bar group per run and that the
 * problems are listed with links into Intercom, all visible, and saves a screenshot of the whole page to
 * {@code app/target/status-page.png}.
 *
 * <p>Skipped, saying what is missing, where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * not installed (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/run} does it). The
 * paths can be changed with {@code -Dnatca.chromium=...} and {@code -Dnatca.chromedriver=...}. Nothing is
 * ever downloaded: the driver and the browser are given by path, so Selenium Manager is not consulted.
 */
class StatusPageBrowserTest {
  static final Path CHROMIUM = Path.of(System.getProperty("natca.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("natca.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOT = Path.of("target", "status-page.png").toAbsolutePath();
  static final String SCHEMA = "members_browser";
  static final String STATUS_TOKEN = "status-token-for-the-browser-test";

  @Test
  void statusPage_inHeadlessChromium_showsTheChartOfEveryRun_andTheProblemsWithIntercomLinks(@TempDir Path profile)
      throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    assumeTrue(missing.isEmpty(), () -> "skipped: " + String.join(" and ", missing)
        + " not installed; on Debian: apt-get install chromium chromium-driver (.ci/run does it)");

    long started = System.nanoTime();
    try (SandboxPostgres postgres = SandboxPostgres.start(SCHEMA);
         Sandbox sandbox = Sandbox.over(postgres, SCHEMA)) {
      History history = seedHistory(sandbox, postgres);

      Map<String, String> env = new HashMap<>(sandbox.env);
      env.put("INTERCOM_CLIENT_SECRET", "browser-test-client-secret");
      env.put("STATUS_TOKEN", STATUS_TOKEN);
      try (Components components = new Components(Config.fromEnvironment(env).withPort(0), Clock.systemUTC())) {
        WebhookServer server = components.webhookServer(WorkerOptions.defaults());
        server.start();
        try {
          String url = "http://127.0.0.1:" + server.port() + "/status";
          ChromeDriver browser = chromium(profile);
          try {
            checkThePage(browser, url, history);
          } finally {
            browser.quit();
          }
        } finally {
          server.stop(Duration.ofSeconds(2));
        }
      }
    }
    System.out.println("status page browser test: " + Duration.ofNanos(System.nanoTime() - started).toMillis()
        + " ms; screenshot: " + SCREENSHOT);
  }

  /** What the seeded history should show. */
  record History(List<LocalDate> runDays, String blockedContact, String conflictContact) {}

  /**
   * Five real daily-sync runs, each moved back to its day once it has finished: a cold run, a run in which
   * an update fails, a run that meets a blocked contact, one with a conflict, and today's, with all three.
   * Then a webhook event that ended failed an hour ago and an audit dry run.
   */
  static History seedHistory(Sandbox sandbox, SandboxPostgres postgres) {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org").withPhone("+12025550101"),
        MemberRow.active(2, "Bob", "Two", "bob@example.org"), MemberRow.active(3, "Cy", "Three", "cy@example.org"),
        MemberRow.active(4, "Di", "Four", "di@example.org"), MemberRow.active(5, "Ed", "Five", "ed@example.org"));
    sync(sandbox, 0, "cold: five members created");
    olderByOneDay(postgres);

    sandbox.sql("update members set lastname = 'Twomey' where membernumber = 2");
    sandbox.intercom.failMatching("PUT", "/contacts/", 1, 422);
    sync(sandbox, 1, "the update of member 2 fails");
    olderByOneDay(postgres);

    sandbox.insert(MemberRow.active(601, "Flo", "Blocked", "blocked@example.org"));
    String blocked = sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "601"));
    sandbox.intercom.block(blocked);
    sync(sandbox, 0, "member 2 updated, member 601 blocked (not a failure)");
    olderByOneDay(postgres);

    sandbox.insert(MemberRow.active(801, "Gus", "Shared", "shared@example.org"));
    String theirs = sandbox.intercom.addContact(SeedContact.user("shared@example.org", "999"));
    sandbox.sql("update members set lastname = 'Threlkeld' where membernumber = 3");
    sync(sandbox, 1, "member 801 conflicts with another member's user");
    olderByOneDay(postgres);

    sandbox.sql("update members set lastname = 'Fourie' where membernumber = 4");
    sandbox.intercom.failMatching("PUT", "/contacts/", 1, 422);
    sync(sandbox, 1, "today: member 4's update fails, 601 still blocked, 801 still a conflict");
    List<LocalDate> days = runDays(postgres);
    assertEquals(5, days.stream().distinct().count(), "five runs on five days: " + days);

    Sandbox.Run audit = sandbox.run("audit", "--dry-run", "--limit=10");
    assertEquals(0, audit.exitCode(), audit.toString());
    try (var ds = Databases.postgres(sandbox.env.get("DATABASE_URL"), SCHEMA, "browser-test", 1, 5_000)) {
      new WebhookInbox(ds, Clock.systemUTC()).migrate();
    }
    postgres.execute("insert into intercom_sync.webhook_events (id, topic, priority, payload, status, attempts, received_at,"
        + " next_attempt_at, finished_at, last_error) values ('notif_browser_failed', 'conversation.user.created', 1, '{}',"
        + " 'failed', 5, now() - interval '2 hours', now(), now() - interval '1 hour', 'Intercom: 500 Server Error')");
    return new History(days, blocked, theirs);
  }

  /** The UTC day each recorded daily-sync started on, oldest first. */
  private static List<LocalDate> runDays(SandboxPostgres postgres) {
    List<LocalDate> days = new ArrayList<>();
    try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select (started_at at time zone 'UTC')::date from intercom_sync.runs"
             + " where command = 'daily-sync' order by started_at")) {
      while (rs.next()) {
        days.add(rs.getObject(1, LocalDate.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return days;
  }

  private static void sync(Sandbox sandbox, int expectedExit, String what) {
    Sandbox.Run run = sandbox.run("daily-sync");
    assertEquals(expectedExit, run.exitCode(), what + "\n" + run);
  }

  /** Every run recorded so far moves one day into the past. */
  private static void olderByOneDay(SandboxPostgres postgres) {
    postgres.execute("update intercom_sync.runs set started_at = started_at - interval '1 day',"
        + " finished_at = finished_at - interval '1 day', heartbeat_at = heartbeat_at - interval '1 day'");
  }

  /** Debian's chromium by path, headless, with everything that would reach for the (closed) network turned off. */
  static ChromeDriver chromium(Path profile) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(Path.of("target", "chromedriver.log").toAbsolutePath().toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-US");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  private static void checkThePage(ChromeDriver browser, String url, History history) throws IOException {
    // Basic auth as a header on every request: Chromium does not take user:password@ URLs reliably
    String basic = Base64.getEncoder().encodeToString(("status:" + STATUS_TOKEN).getBytes(StandardCharsets.UTF_8));
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + basic)));
    browser.get(url);

    List<WebElement> main = browser.findElements(By.cssSelector("main#status-page"));
    assertEquals(1, main.size(), () -> "GET /status did not show the status page; the browser shows \""
        + browser.getTitle() + "\": " + browser.findElement(By.tagName("body")).getText());
    WebElement page = main.get(0);
    assertTrue(page.isDisplayed(), "main#status-page is not visible");

    WebElement health = browser.findElement(By.id("health"));
    assertTrue(health.isDisplayed(), "the health line is not visible");
    assertTrue(health.getAttribute("class").contains("health-attention"), "health line class: " + health.getAttribute("class"));

    WebElement chart = browser.findElement(By.cssSelector("svg#daily-sync-chart"));
    assertTrue(chart.isDisplayed(), "the chart is not visible");
    assertTrue(chart.getRect().getWidth() > 100 && chart.getRect().getHeight() > 50, "chart size " + chart.getRect());
    List<WebElement> runs = chart.findElements(By.cssSelector("g.run"));
    assertEquals(history.runDays().size(), runs.size(), "one g.run per seeded daily-sync run");
    TreeSet<String> titledDays = new TreeSet<>();
    for (WebElement run : runs) {
      assertEquals(1, run.findElements(By.cssSelector("rect.writes")).size(), "a writes bar in each run");
      assertEquals(1, run.findElements(By.cssSelector("rect.failures")).size(), "a failures bar in each run");
      String title = run.findElement(By.tagName("title")).getAttribute("textContent");
      history.runDays().stream().map(LocalDate::toString).filter(title::contains).forEach(titledDays::add);
    }
    assertEquals(history.runDays().stream().map(LocalDate::toString).collect(Collectors.toCollection(TreeSet::new)),
        titledDays, "each run's title names its day");
    List<WebElement> drawn = chart.findElements(By.cssSelector("g.run rect"));
    assertTrue(drawn.stream().anyMatch(r -> r.getRect().getHeight() > 0), "no bar of the chart has a height");

    WebElement recent = browser.findElement(By.id("recent-runs"));
    assertTrue(recent.isDisplayed(), "the recent runs table is not visible");
    List<String> rows = recent.findElements(By.cssSelector("tr.run")).stream().map(WebElement::getText).toList();
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("daily-sync")), "no daily-sync among the recent runs: " + rows);
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("audit")), "the audit dry run is not among the recent runs: " + rows);

    WebElement problems = browser.findElement(By.cssSelector("section#problems"));
    assertTrue(problems.isDisplayed(), "the problems are not visible");
    List<WebElement> items = problems.findElements(By.cssSelector("li.problem"));
    assertFalse(items.isEmpty(), "no li.problem");
    for (WebElement item : items) {
      assertTrue(item.isDisplayed(), "a problem is not visible: " + item.getText());
    }
    List<WebElement> links = problems.findElements(By.cssSelector("li.problem a.intercom-contact"));
    Map<String, WebElement> byContact = new HashMap<>();
    for (WebElement a : links) {
      String href = a.getAttribute("href");
      assertTrue(href.matches("https://app\\.intercom\\.com/a/apps/[^/]+/users/[^/]+"), "contact link " + href);
      byContact.put(href.substring(href.lastIndexOf('/') + 1), a);
    }
    for (String contact : List.of(history.blockedContact(), history.conflictContact())) {
      WebElement a = byContact.get(contact);
      assertTrue(a != null, "no link to contact " + contact + " among " + byContact.keySet());
      assertTrue(a.isDisplayed(), "the link to " + contact + " is not visible");
    }
    String text = page.getText();
    assertTrue(text.contains("601") && text.contains("801"), "the blocked and the conflicting member are named:\n" + text);
    assertFalse(text.contains("2025550101") || text.contains("555-0101"), "a phone number on the page:\n" + text);

    // the whole page in one picture, beyond the window's height (DevTools' own screenshot)
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    double width = ((Number) size.get("width")).doubleValue();
    double height = Math.min(((Number) size.get("height")).doubleValue(), 10_000);
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, Base64.getDecoder().decode((String) shot.get("data")));
    assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot of " + Files.size(SCREENSHOT) + " bytes");
  }
}
