package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.natca.intercom.app.Sandbox;
import org.natca.intercom.member.Databases;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.operations.status.StatusHtml;
import org.natca.intercom.operations.status.StatusPageData;
import org.natca.intercom.operations.status.StatusReader;
import org.natca.intercom.sandbox.emulator.SeedContact;
import org.natca.intercom.sandbox.members.MemberRow;

/**
 * GET /status and /status.json over real HTTP, against a real PostgreSQL holding run history (left by
 * real runs, and rows written here for the chart's days) and the Intercom emulator behind GET /me.
 */
class StatusPageTest extends WebhookWorldTest {
  static final String TOKEN = "status-page-password-for-tests";
  static final String PHONE = "+17654657031";

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  WebhookWorld.Response page(String path) {
    return world.get(path, "Authorization", basic("support-lead", TOKEN));
  }

  WebhookWorld start() {
    world.env().put("STATUS_TOKEN", TOKEN);
    return world.start();
  }

  @Test
  void statusTokenUnset_bothPathsAre404() {
    world.env().remove("STATUS_TOKEN");
    world.start();

    assertEquals(404, page(WebhookServer.STATUS_PATH).status());
    assertEquals(404, page(WebhookServer.STATUS_JSON_PATH).status());
    assertEquals(404, world.get(WebhookServer.STATUS_PATH).status());
  }

  @Test
  void withoutOrWithAWrongPassword_401WithTheBasicChallenge_anyUserNameWithTheRightOneOpens() {
    start();

    for (String path : List.of(WebhookServer.STATUS_PATH, WebhookServer.STATUS_JSON_PATH)) {
      WebhookWorld.Response none = world.get(path);
      WebhookWorld.Response wrong = world.get(path, "Authorization", basic("support-lead", TOKEN + "x"));
      WebhookWorld.Response bearer = world.get(path, "Authorization", "Bearer " + TOKEN);
      WebhookWorld.Response garbage = world.get(path, "Authorization", "Basic !!!not-base64");
      WebhookWorld.Response noColon = world.get(path, "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));

      for (WebhookWorld.Response r : List.of(none, wrong, bearer, garbage, noColon)) {
        assertEquals(401, r.status(), path + ": " + r.body());
        assertEquals("Basic realm=\"natca-intercom status\", charset=\"UTF-8\"",
            r.raw().headers().firstValue("WWW-Authenticate").orElse(null));
        assertFalse(r.body().contains(TOKEN));
      }
      assertEquals(200, world.get(path, "Authorization", basic("", TOKEN)).status());
      assertEquals(200, world.get(path, "Authorization", basic("jané", TOKEN)).status());
    }
    assertEquals(405, world.send(java.net.http.HttpRequest.newBuilder(world.uri(WebhookServer.STATUS_PATH))
        .header("Authorization", basic("x", TOKEN)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).status());
  }

  @Test
  void refusedPasswords_areLimitedPerAddress_then429() {
    start();
    int last = 0;
    for (int i = 0; i <= WebhookServer.REFUSALS_PER_WINDOW; i++) {
      last = world.get(WebhookServer.STATUS_PATH, "Authorization", basic("guess", "guess-" + i)).status();
    }

    assertEquals(429, last);
    assertEquals(429, page(WebhookServer.STATUS_PATH).status(), "even the right password waits out the window");
    assertEquals(401, world.get(WebhookServer.LOOKUP_PATH + "?email=a@b.c", "Authorization", "Bearer wrong").status(),
        "the lookup's refusals are counted apart");
  }

  @Test
  void page_chartsTheDailySyncsOfThe30Days_listsRunsAndProblemsWithIntercomLinks() {
    Sandbox.Troubles troubles = sandbox.seedTroubles();
    String theirs = troubles.conflicting();
    String blocked = troubles.blocked();
    assertEquals(1, sandbox.run("daily-sync").exitCode());
    assertEquals(1, sandbox.run("daily-sync", "--dry-run").exitCode(), "the conflict again");
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    // charted: writing daily-syncs of today and the 29 days before, killed ones too
    insertRun("daily-sync", false, "finished", today.minus(Duration.ofDays(29)).plusSeconds(60), 0,
        "{\"created\": 3, \"updated\": 40, \"failed\": 0}", "{\"total\": 90, \"writes\": 47}", null);
    insertRun("daily-sync", false, "finished", today.minus(Duration.ofDays(3)).plusSeconds(8 * 3600), 1,
        "{\"created\": 1, \"updated\": 5, \"failed\": 7}", "{\"total\": 30, \"writes\": 11}", null);
    insertRun("daily-sync", false, "finished", today.minus(Duration.ofDays(3)).plusSeconds(9 * 3600), 0,
        "{\"created\": 2, \"updated\": 6, \"failed\": 0}", null, null);
    insertRun("daily-sync", false, "running", today.minus(Duration.ofDays(2)).plusSeconds(8 * 3600), null, null, null, null);
    // not charted: older, dry, refused, other commands
    insertRun("daily-sync", false, "finished", today.minus(Duration.ofDays(31)), 0, "{\"created\": 900}", "{\"writes\": 900}", null);
    insertRun("daily-sync", true, "finished", today.minus(Duration.ofDays(5)), 0, "{\"created\": 0}", "{\"writes\": 0}", null);
    insertRun("daily-sync", false, "refused", today.minus(Duration.ofDays(4)), 3, null, null, null);
    insertRun("audit", false, "finished", today.minus(Duration.ofDays(1)), 0, "{\"updated\": 2}", "{\"writes\": 2}", null);
    start();

    WebhookWorld.Response r = page(WebhookServer.STATUS_PATH);

    assertEquals(200, r.status(), r.body());
    assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.raw().headers().toString());
    assertTrue(r.raw().headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    String html = r.body();
    assertTrue(html.contains("<main id=\"status-page\">"), html);
    assertTrue(html.contains("<p id=\"health\" class=\"health-attention\">"), html);
    assertFalse(html.contains("<script"), "no script at all");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//(?!app\\.intercom\\.com/a/apps/).*"), "nothing loaded from elsewhere");

    List<String> titles = all(html, "<g class=\"run\"[^>]*><title>([^<]*)</title><rect class=\"writes\"[^>]*/><rect class=\"failures\"[^>]*/></g>");
    assertEquals(5, titles.size(), "the real run and four written here: " + titles);
    assertEquals(5, count(html, "<g class=\"run\""));
    assertTrue(titles.get(0).endsWith(": 47 writes, 0 failures (exit 0, run " + runId(0) + ")"), titles.get(0));
    assertTrue(titles.get(1).endsWith(": 11 writes, 7 failures (exit 1, run " + runId(1) + ")"), titles.get(1));
    assertTrue(titles.get(2).contains(": 8 writes, 0 failures"), "created + updated without request counts: " + titles.get(2));
    assertTrue(titles.get(3).contains(": 0 writes, 0 failures (did not finish"), titles.get(3));
    assertTrue(titles.get(4).contains(" failures (exit 1, run "), "the real failing run, last: " + titles.get(4));
    assertFalse(html.contains("900 writes"));
    assertFalse(html.contains("<text class=\"no-runs\""));

    assertTrue(count(html, "<tr class=\"run\"") >= 4, "daily-sync runs and the audit: " + html);
    assertTrue(html.contains("finished (dry run)"), html);

    String app = "https://app.intercom.com/a/apps/" + sandbox.intercom.appId() + "/users/";
    List<String> problems = all(html, "<li class=\"problem\">(.*?)</li>");
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("member 601") && p.contains("<a class=\"intercom-contact\" href=\""
        + app + blocked + "\">") && p.contains("unblock")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("member 801") && p.contains("href=\"" + app + theirs + "\"")),
        problems.toString());
    assertFalse(html.contains("class=\"links-missing\""), html);
  }

  @Test
  void noRuns_emptyChartSaysSo() {
    start();

    String html = page(WebhookServer.STATUS_PATH).body();

    assertTrue(html.contains("<text class=\"no-runs\""), html);
    assertEquals(0, count(html, "<g class=\"run\""));
    assertTrue(html.contains("Last successful daily-sync: none recorded"), html);
  }

  @Test
  void hostileTextsAreEscaped_andPhoneNumbersLeaveNeitherPageNorJson() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"));
    assertEquals(0, sandbox.run("daily-sync").exitCode());
    String hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> call " + PHONE + " or (765) 465-7031";
    String report = "{\"errors\": [{\"memberNumber\": 7, \"email\": \"e@example.org\", \"contactId\": \"c\\\"><b>id\","
        + " \"error\": " + WebhookWorld.JSON.valueToTree(hostile) + "}]}";
    insertRun("daily-sync", false, "finished", Instant.now(), 1, "{\"failed\": 1}", "{\"writes\": 1}", report,
        hostile);
    start();

    String html = page(WebhookServer.STATUS_PATH).body();
    String json = page(WebhookServer.STATUS_JSON_PATH).body();

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<b>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt; call &lt;phone&gt;"
        + " or &lt;phone&gt;"), html);
    assertTrue(html.contains("/users/c%22%3E%3Cb%3Eid\">"), "the contact id is one encoded path segment: " + html);
    for (String text : List.of(html, json)) {
      assertFalse(text.contains("7654657031"), text);
      assertFalse(text.contains("465-7031"), text);
    }
    assertTrue(json.contains("call <phone> or <phone>"), json);
  }

  @Test
  void statusJson_isWhatStatusJsonPrints() {
    sandbox.insert(MemberRow.active(1, "Ann", "One", "ann@example.org"), MemberRow.active(2, "Bob", "Two", "bob@example.org"));
    sandbox.intercom.failMatching("POST", "/contacts", 1_000, 422);
    assertEquals(1, sandbox.run("daily-sync").exitCode());
    start();

    WebhookWorld.Response r = page(WebhookServer.STATUS_JSON_PATH);
    Sandbox.Run cli = sandbox.run("status", "--json");

    assertEquals(200, r.status(), r.body());
    assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    ObjectNode served = (ObjectNode) r.json();
    assertEquals(1, cli.exitCode(), cli.toString());
    ObjectNode printed = (ObjectNode) json(cli.out());
    assertTrue(Instant.parse(served.remove("generatedAt").asText()).isAfter(Instant.now().minusSeconds(60)));
    printed.remove("generatedAt");
    assertEquals(printed, served);
    assertEquals(2, served.get("problems").get("failingMembers").get("total").asInt(), served.toString());
  }

  @Test
  void intercomMeFailing_pageStillRenders_withoutLinks_sayingWhy() {
    sandbox.insert(MemberRow.active(601, "C", "D", "blocked@example.org"));
    String blocked = sandbox.intercom.addContact(SeedContact.user("blocked@example.org", "601"));
    sandbox.intercom.block(blocked);
    sandbox.run("daily-sync"); // leaves the blocked contact for an admin
    sandbox.intercom.failMatching("GET", "/me", 1_000, 401);
    start();

    WebhookWorld.Response r = page(WebhookServer.STATUS_PATH);

    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("<p class=\"links-missing\">No links into Intercom: GET /me failed: "), r.body());
    assertFalse(r.body().contains("class=\"intercom-contact\""), r.body());
    assertTrue(r.body().contains("contact <code>" + blocked + "</code>"), r.body());
    assertEquals(1, count(r.body(), "<li class=\"problem\">"));
  }

  @Test
  void databaseUnreachable_pageAndJsonAnswer503_sayingSo() throws Exception {
    try (TcpProxy proxy = new TcpProxy(postgres.port())) {
      world.env().put("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:" + proxy.port() + "/postgres?sslmode=disable");
      start();
      assertEquals(200, page(WebhookServer.STATUS_PATH).status());

      proxy.cut();
      long started = System.nanoTime();
      WebhookWorld.Response html = page(WebhookServer.STATUS_PATH);
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      WebhookWorld.Response json = page(WebhookServer.STATUS_JSON_PATH);

      assertEquals(503, html.status(), html.body());
      assertTrue(html.body().contains("<p id=\"health\" class=\"health-unreachable\">"), html.body());
      assertTrue(html.body().contains("<svg id=\"daily-sync-chart\""), "the page keeps its shape");
      assertTrue(millis < 8_000, "answered in " + millis + " ms");
      assertEquals(503, json.status());
      assertEquals("unreachable", json.json().get("health").asText());
      proxy.restore();
    }
  }

  /** 180 days of history, four runs a day with reports of realistic size: prints how long the page takes. */
  @Test
  void history180Days_renderTimeIsPrinted() {
    try (var ds = Databases.postgres(postgres.postgresUrl(), "public", "seed", 1, 5_000)) {
      OperationsSchema.migrate(ds);
    }
    postgres.execute("insert into intercom_sync.runs (command, arguments, dry_run, member_schema, host, pid, state, started_at,"
        + " heartbeat_at, finished_at, exit_code, totals, requests, report, error)"
        + " select c.command, '[]'::jsonb, c.dry, '" + SCHEMA + "', 'bench-host', d, 'finished',"
        + "   date_trunc('day', now()) - make_interval(days => d + 1) + c.at, now(),"
        + "   date_trunc('day', now()) - make_interval(days => d + 1) + c.at + interval '7 minutes',"
        + "   case when d % 7 = 3 then 1 else 0 end,"
        + "   jsonb_build_object('members', 12000, 'created', d % 5, 'updated', 100 + d, 'unchanged', 11800,"
        + "     'failed', case when d % 7 = 3 then 40 else 0 end, 'blocked', 1),"
        + "   jsonb_build_object('total', 12400 + d, 'writes', 105 + d),"
        + "   jsonb_build_object("
        + "     'errors', (select jsonb_agg(jsonb_build_object('memberNumber', i, 'email', 'm' || i || '@example.org',"
        + "       'contactId', md5(i::text), 'error', 'Intercom 422 phone_invalid: +1765465' || lpad(i::text, 4, '0')))"
        + "       from generate_series(1, case when d % 7 = 3 then 40 else 0 end) i),"
        + "     'blocked', jsonb_build_array(jsonb_build_object('memberNumber', 601, 'contactId', 'b' || d, 'error', 'unblock in Intercom')),"
        + "     'actions', (select jsonb_agg(jsonb_build_object('action', 'update', 'memberNumber', i, 'contactId', md5(i::text),"
        + "       'reason', 'member_type changed')) from generate_series(1, 2000) i)),"
        + "   null"
        + " from generate_series(0, 179) d cross join (values ('daily-sync', false, interval '8 hours'),"
        + "   ('daily-sync', true, interval '12 hours'), ('audit', false, interval '14 hours'),"
        + "   ('manual-update', false, interval '16 hours')) c(command, dry, at)");
    start();

    List<Long> micros = new ArrayList<>();
    String html = null;
    for (int i = 0; i < 25; i++) {
      long t = System.nanoTime();
      WebhookWorld.Response r = page(WebhookServer.STATUS_PATH);
      micros.add((System.nanoTime() - t) / 1_000);
      assertEquals(200, r.status());
      html = r.body();
    }
    List<Long> measured = new ArrayList<>(micros.subList(5, micros.size()));
    measured.sort(null);
    long median = measured.get(measured.size() / 2);
    long worst = measured.get(measured.size() - 1);
    System.out.printf("status page with 180 days of history (720 runs): first %.1f ms, median %.1f ms, worst %.1f ms of 20"
        + " (GET over HTTP: database read and render), %d bytes%n", micros.get(0) / 1000.0, median / 1000.0, worst / 1000.0,
        html.length());
    // the two parts apart: the database read, and the render
    List<Long> reads = new ArrayList<>();
    List<Long> renders = new ArrayList<>();
    try (var ds = Databases.postgres(postgres.postgresUrl(), SCHEMA, "bench-read", 1, 5_000)) {
      StatusReader reader = new StatusReader(ds, SCHEMA, java.time.Clock.systemUTC());
      for (int i = 0; i < 25; i++) {
        long t = System.nanoTime();
        StatusPageData data = reader.readPage();
        long read = System.nanoTime();
        StatusHtml.render(data, StatusHtml.IntercomLinks.to("bench"));
        if (i >= 5) {
          reads.add((read - t) / 1_000);
          renders.add((System.nanoTime() - read) / 1_000);
        }
      }
    }
    reads.sort(null);
    renders.sort(null);
    System.out.printf("  of which: database read median %.1f ms (worst %.1f), render median %.2f ms (worst %.2f)%n",
        reads.get(10) / 1000.0, reads.get(19) / 1000.0, renders.get(10) / 1000.0, renders.get(19) / 1000.0);
    assertEquals(29, count(html, "<g class=\"run\""), "one writing daily-sync a day: yesterday and the 28 days before"
        + " (today, the 30th day of the chart, has none yet)");
    assertTrue(median < 5_000_000, "sanity bound only; the target (200 ms) is reported, not asserted: " + median + " µs");
  }

  long runId(int index) {
    return runIds.get(index);
  }

  private final List<Long> runIds = new ArrayList<>();

  void insertRun(String command, boolean dryRun, String state, Instant started, Integer exit, String totals, String requests,
      String report) {
    insertRun(command, dryRun, state, started, exit, totals, requests, report, null);
  }

  void insertRun(String command, boolean dryRun, String state, Instant started, Integer exit, String totals, String requests,
      String report, String error) {
    try (var ds = Databases.postgres(postgres.postgresUrl(), "public", "seed", 1, 5_000)) {
      OperationsSchema.migrate(ds);
      try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("insert into " + OperationsSchema.RUNS
          + " (command, arguments, dry_run, member_schema, host, pid, state, started_at, heartbeat_at, finished_at, exit_code,"
          + " totals, requests, report, error) values (?, '[]', ?, ?, 'test-host', 1, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)"
          + " returning id")) {
        Timestamp at = Timestamp.from(started);
        st.setString(1, command);
        st.setBoolean(2, dryRun);
        st.setString(3, SCHEMA);
        st.setString(4, state);
        st.setTimestamp(5, at);
        // a running row with an old heartbeat: killed
        st.setTimestamp(6, at);
        st.setTimestamp(7, "finished".equals(state) ? Timestamp.from(started.plusSeconds(300)) : null);
        st.setObject(8, exit);
        st.setString(9, totals);
        st.setString(10, requests);
        st.setString(11, report);
        st.setString(12, error);
        try (var rs = st.executeQuery()) {
          rs.next();
          if ("daily-sync".equals(command) && !dryRun && !"refused".equals(state)) {
            runIds.add(rs.getLong(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return WebhookWorld.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static int count(String text, String literal) {
    return (int) Pattern.compile(Pattern.quote(literal)).matcher(text).results().count();
  }
}
