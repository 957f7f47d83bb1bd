package org.natca.intercom.operations.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.operations.status.StatusHtml.IntercomLinks;

/** The status page's HTML from a status built here: escaping of every text, the chart's geometry, the links. */
class StatusHtmlTest {
  static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  static final Instant SINCE = Instant.parse("2026-11-03T00:00:00Z");
  static final String HOSTILE = "<x y='1'>&\"";
  static final String ESCAPED = "&lt;x y=&#39;1&#39;&gt;&amp;&quot;";

  static RunSummary run(long id, String command, String text, int exit) {
    return new RunSummary(id, command, false, RunSummary.FINISHED, NOW.minusSeconds(3600), NOW.minusSeconds(3000), exit,
        Map.of("created", 1L, "failed", 2L), 10L, text, 1, List.of(text), text);
  }

  static Status status(String text) {
    RunSummary r = run(7, text, text, 1);
    Problem p = new Problem(5, text, text, text);
    return new Status(NOW, text, Health.ATTENTION, List.of(text), Map.of("daily-sync", List.of(r), text, List.of()), r, r, true,
        new ProblemList(1, List.of(p)), new ProblemList(1, List.of(p)), new ProblemList(1, List.of(p)),
        new WebhookStatus(true, 1, List.of(new FailedEvent(text, text, NOW, 3, text)), 2, NOW.minusSeconds(90),
            Duration.ofSeconds(90)));
  }

  @Test
  void everyTextFromTheDatabase_isEscaped_inContentAndAttributes() {
    String html = StatusHtml.render(new StatusPageData(status(HOSTILE), SINCE,
        List.of(new ChartRun(1, NOW, HOSTILE, 0, 3, 1))), IntercomLinks.none(HOSTILE));

    assertFalse(html.contains("<x"), html);
    assertFalse(html.contains("y='1'"), html);
    // schema, attention, command (row and never-run row), state, host, error, 3 x (email, contact, problem),
    // failed event id, topic, error, chart state, missing-links reason
    assertTrue(count(html, ESCAPED) >= 20, count(html, ESCAPED) + " escaped: " + html);
    assertTrue(html.contains("data-state=\"" + ESCAPED + "\""), html);
  }

  @Test
  void contactLinks_pointIntoTheApp_withTheIdAsOneEncodedSegment() {
    IntercomLinks links = IntercomLinks.to("abc123");

    assertEquals("https://app.intercom.com/a/apps/abc123/users/67eb0a6e8f72a828ba21c342", links.contactUrl("67eb0a6e8f72a828ba21c342"));
    assertEquals("https://app.intercom.com/a/apps/abc123/users/..%2F%22%20%C3%A9", links.contactUrl("../\" é"));
    String html = StatusHtml.render(new StatusPageData(status("c1"), SINCE, List.of()), links);
    assertEquals(3, count(html, "<a class=\"intercom-contact\" href=\"https://app.intercom.com/a/apps/abc123/users/c1\">"), html);
    assertFalse(html.contains("class=\"links-missing\""));
  }

  @Test
  void withoutAnAppId_contactsAreShownUnlinked_andThePageSaysWhy() {
    String html = StatusHtml.render(new StatusPageData(status("c1"), SINCE, List.of()), IntercomLinks.none("GET /me failed: 500"));

    assertFalse(html.contains("intercom-contact"), html);
    assertEquals(3, count(html, "contact <code>c1</code>"), html);
    assertTrue(html.contains("<p class=\"links-missing\">No links into Intercom: GET /me failed: 500</p>"), html);
  }

  @Test
  void chart_barsScaleToTheLargestValue_runsOfADayShareItsSlot_emptyChartSaysSo() {
    Instant day10 = SINCE.plus(Duration.ofDays(10));
    List<ChartRun> runs = List.of(
        new ChartRun(1, SINCE.plusSeconds(3600), RunSummary.FINISHED, 0, 40, 0),
        new ChartRun(2, day10.plusSeconds(3600), RunSummary.FINISHED, 1, 10, 20),
        new ChartRun(3, day10.plusSeconds(7200), RunSummary.NOT_FINISHED, null, 0, 0));

    String html = StatusHtml.render(new StatusPageData(status("x"), SINCE, runs), IntercomLinks.to("a"));

    List<double[]> writes = rects(html, "writes");
    List<double[]> failures = rects(html, "failures");
    assertEquals(3, writes.size());
    assertEquals(3, failures.size());
    double plotH = 260 - 14 - 34;
    // 40 writes is the top of the scale (0 to 40): the full height
    assertEquals(plotH, writes.get(0)[3], 0.05);
    assertEquals(plotH / 4, writes.get(1)[3], 0.05);
    assertEquals(plotH / 2, failures.get(1)[3], 0.05);
    assertEquals(0, writes.get(2)[3], 0.001);
    double dayW = (760 - 52 - 12) / 30.0;
    // the two runs of day 10 split its slot, in start order; the failures bar stands right of the writes bar
    assertEquals(52 + 10 * dayW + dayW / 2 * 0.1, writes.get(1)[0], 0.05);
    assertEquals(52 + 10 * dayW + dayW / 2 + dayW / 2 * 0.1, writes.get(2)[0], 0.05);
    assertEquals(writes.get(1)[0] + writes.get(1)[2], failures.get(1)[0], 0.05);
    assertTrue(html.contains("<title>2026-11-13 01:00 UTC: 10 writes, 20 failures (exit 1, run 2)</title>"), html);
    assertTrue(html.contains("<title>2026-11-13 02:00 UTC: 0 writes, 0 failures (did not finish, run 3)</title>"), html);
    assertFalse(html.contains("no-runs\""));

    String empty = StatusHtml.render(new StatusPageData(status("x"), SINCE, List.of()), IntercomLinks.to("a"));
    assertTrue(empty.contains("<text class=\"no-runs\""), empty);
    assertFalse(empty.contains("<g class=\"run\""));
  }

  @Test
  void aSmallFailureCount_staysVisibleNextToManyWrites() {
    String html = StatusHtml.render(new StatusPageData(status("x"), SINCE,
        List.of(new ChartRun(1, SINCE, RunSummary.FINISHED, 1, 12_000, 1))), IntercomLinks.to("a"));

    assertTrue(rects(html, "failures").get(0)[3] >= 1.5, html);
  }

  @Test
  void unreachable_showsTheHealthLineAndAnEmptyChart_only() {
    Status s = Status.unreachable(NOW, "public", "the member database is not reachable: connection refused");

    String html = StatusHtml.render(new StatusPageData(s, SINCE, List.of()), IntercomLinks.none("the database is unreachable"));

    assertTrue(html.contains("<p id=\"health\" class=\"health-unreachable\"><strong>Database unreachable"), html);
    assertTrue(html.contains("connection refused"), html);
    assertTrue(html.contains("<svg id=\"daily-sync-chart\""));
    assertFalse(html.contains("id=\"recent-runs\""));
  }

  @ParameterizedTest
  @CsvSource({"0, 4", "1, 4", "4, 4", "5, 8", "9, 20", "21, 40", "41, 80", "399, 400", "401, 800", "12000, 20000"})
  void niceCeiling_isAtLeastTheMaximum_inFourRoundSteps(long max, long expected) {
    assertEquals(expected, StatusHtml.niceCeiling(max));
    assertEquals(0, expected % 4);
  }

  /** x, y, width, height of each rect of the class, in document order. */
  static List<double[]> rects(String html, String cls) {
    List<double[]> found = new ArrayList<>();
    Matcher m = Pattern.compile("<rect class=\"" + cls + "\" x=\"([\\d.]+)\" y=\"([\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"/>")
        .matcher(html);
    while (m.find()) {
      found.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
          Double.parseDouble(m.group(4))});
    }
    return found;
  }

  static int count(String text, String literal) {
    return (int) Pattern.compile(Pattern.quote(literal)).matcher(text).results().count();
  }
}
