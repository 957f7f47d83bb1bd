package org.natca.intercom.operations.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.SqlFailures;
import org.natca.intercom.operations.OperationsSchema;
import org.natca.intercom.operations.PhoneNumbers;
import org.natca.intercom.operations.RunLock;
import org.natca.intercom.report.RunReport;

/**
 * Reads the {@link Status} from the database: the run history, the last daily-sync's report and the
 * webhook inbox. Only reads: it never creates the schema, takes no lock and sends nothing. The one
 * way from the database to the status model, for {@code status}, {@code GET /status} and
 * {@code GET /status.json} alike. Free text from the database (error lines) comes out without phone
 * numbers ({@link PhoneNumbers}); it is still untrusted text, for its renderers to escape.
 */
public final class StatusReader {
  /** The commands whose runs are recorded, in the order status lists them. */
  public static final List<String> COMMANDS = List.of("daily-sync", "audit", "manual-update");
  /** How old the last successful daily-sync may be before status asks for attention. */
  public static final Duration STALE_AFTER = Duration.ofHours(26);
  public static final Duration WEBHOOK_FAILURE_WINDOW = Duration.ofDays(7);
  /** Runs listed per command. */
  public static final int RUNS_PER_COMMAND = 3;
  /** The status page's chart of daily-sync runs covers this many UTC days: today and the ones before. */
  public static final int CHART_DAYS = 30;
  /** Runs in the chart at most (the newest): a runaway scheduler must not make the page huge. */
  public static final int MAX_CHART_RUNS = 300;
  static final String WEBHOOK_EVENTS = OperationsSchema.SCHEMA + ".webhook_events";
  private static final int QUERY_TIMEOUT_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A run's state as shown: a running row without a heartbeat for longer than the lease (parameter 1) did not finish. */
  private static final String STATE = "case when state = 'running' and heartbeat_at < now() - make_interval(secs => ?)"
      + " then 'not finished' else state end";
  private static final String RUN_COLUMNS = "id, command, dry_run, " + STATE
      + ", started_at, finished_at, exit_code, totals, requests, host, pid, arguments, error";

  private final DataSource dataSource;
  private final String memberSchema;
  private final Clock clock;
  private final Duration lease;

  public StatusReader(DataSource dataSource, String memberSchema, Clock clock) {
    this(dataSource, memberSchema, clock, RunLock.Timings.DEFAULT.lease());
  }

  /** @param lease a running row without a heartbeat for this long is shown as not finished */
  public StatusReader(DataSource dataSource, String memberSchema, Clock clock, Duration lease) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.memberSchema = Objects.requireNonNull(memberSchema, "memberSchema");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
  }

  /** The status now; {@link Health#UNREACHABLE} (never an exception) when the database cannot be read. */
  public Status read() {
    return read(false).status();
  }

  /**
   * The status and the writing daily-sync runs of the last {@link #CHART_DAYS} days, read over one
   * connection; when the database cannot be read, {@link Health#UNREACHABLE} and no runs.
   */
  public StatusPageData readPage() {
    return read(true);
  }

  private StatusPageData read(boolean withChart) {
    Instant now = clock.instant();
    Instant since = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(CHART_DAYS - 1));
    String error;
    try (Connection c = dataSource.getConnection()) {
      Status status = read(c, now);
      return new StatusPageData(status, since, withChart ? chart(c, since) : List.of());
    } catch (SQLException e) {
      error = SqlFailures.translate("reading the status", e, dataSource).getMessage();
    } catch (MemberDatabaseException e) {
      error = e.getMessage();
    }
    return new StatusPageData(Status.unreachable(now, memberSchema, PhoneNumbers.strip(error)), since, List.of());
  }

  /** Writing daily-sync runs started since {@code since} (not refused ones: they did nothing), oldest first. */
  private List<ChartRun> chart(Connection c, Instant since) throws SQLException {
    if (!exists(c, OperationsSchema.RUNS)) {
      return List.of();
    }
    String sql = "select * from (select id, started_at, " + STATE + ", exit_code, totals, requests from " + OperationsSchema.RUNS
        + " where member_schema = ? and command = 'daily-sync' and not dry_run and state <> 'refused' and started_at >= ?"
        + " order by started_at desc, id desc limit " + MAX_CHART_RUNS + ") newest order by started_at, id";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setDouble(1, lease.toMillis() / 1000.0);
      st.setString(2, memberSchema);
      st.setObject(3, since.atOffset(ZoneOffset.UTC));
      List<ChartRun> runs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int exit = rs.getInt(4);
          Integer exitCode = rs.wasNull() ? null : exit;
          JsonNode totals = tree(rs.getString(5));
          JsonNode requests = tree(rs.getString(6));
          long writes = requests != null && requests.has("writes") ? requests.get("writes").asLong()
              : count(totals, "created") + count(totals, "updated");
          runs.add(new ChartRun(rs.getLong(1), instant(rs, 2), rs.getString(3), exitCode, writes, count(totals, "failed")));
        }
      }
      return runs;
    }
  }

  private static long count(JsonNode totals, String key) {
    return totals == null ? 0 : totals.path(key).asLong(0);
  }

  private Status read(Connection c, Instant now) throws SQLException {
    boolean hasHistory = exists(c, OperationsSchema.RUNS);
    Map<String, List<RunSummary>> lastRuns = new LinkedHashMap<>();
    for (String command : COMMANDS) {
      lastRuns.put(command, hasHistory ? runs(c, "command = ?", RUNS_PER_COMMAND, command) : List.of());
    }
    RunSummary lastSuccess = null;
    RunSummary lastDailySync = null;
    ProblemList failing = ProblemList.NONE;
    ProblemList unrecoverable = ProblemList.NONE;
    List<Problem> conflicts = new ArrayList<>();
    int conflictCount = 0;
    if (hasHistory) {
      lastSuccess = first(runs(c, "command = 'daily-sync' and not dry_run and state = 'finished' and exit_code = 0", 1));
      // a daily-sync running now has no verdict yet: its predecessor's problems are the open ones
      lastDailySync = first(runs(c, "command = 'daily-sync' and not dry_run and state <> 'refused'"
          + " and not (state = 'running' and heartbeat_at >= now() - make_interval(secs => " + lease.toSeconds() + "))"
          + "", 1));
      if (lastDailySync != null) {
        JsonNode report = report(c, lastDailySync.id(), "errors", "blocked", "unrecoverable");
        List<Problem> failed = new ArrayList<>();
        int failedCount = 0;
        for (Problem p : problems(report.get("errors"))) {
          if (p.problem() != null && p.problem().startsWith("conflict")) {
            conflictCount++;
            add(conflicts, p);
          } else {
            failedCount++;
            add(failed, p);
          }
        }
        failing = new ProblemList(failedCount, failed);
        // a blocked contact may be listed under both keys: once per contact
        Map<String, Problem> byContact = new LinkedHashMap<>();
        List<Problem> stuck = new ArrayList<>();
        for (Problem p : concat(problems(report.get("blocked")), problems(report.get("unrecoverable")))) {
          if (p.contactId() == null) {
            stuck.add(p);
          } else if (byContact.putIfAbsent(p.contactId(), p) == null) {
            stuck.add(p);
          }
        }
        unrecoverable = new ProblemList(stuck.size(), stuck.subList(0, Math.min(stuck.size(), ProblemList.MAX_LISTED)));
      }
      RunSummary lastAudit = first(runs(c, "command = 'audit' and not dry_run and state = 'finished'", 1));
      if (lastAudit != null) {
        JsonNode actions = report(c, lastAudit.id(), "actions").get("actions");
        if (actions != null) {
          for (JsonNode a : actions) {
            if ("conflict".equals(a.path("action").asText())) {
              conflictCount++;
              add(conflicts, new Problem(intOrNull(a.get("memberNumber")), null, textOrNull(a.get("contactId")),
                  "audit: " + PhoneNumbers.strip(a.path("reason").asText())));
            }
          }
        }
      }
    }
    WebhookStatus webhooks = webhooks(c, now);
    boolean stale = lastSuccess == null || lastSuccess.finishedAt().isBefore(now.minus(STALE_AFTER));

    List<String> attention = new ArrayList<>();
    if (lastDailySync != null && !lastDailySync.succeeded()) {
      attention.add(RunSummary.NOT_FINISHED.equals(lastDailySync.state())
          ? "the last daily-sync (run " + lastDailySync.id() + ", started " + lastDailySync.startedAt() + ") did not finish: killed?"
          : "the last daily-sync (run " + lastDailySync.id() + ", started " + lastDailySync.startedAt() + ") exited " + lastDailySync.exitCode()
              + (failing.total() > 0 ? " (" + failing.total() + (failing.total() == 1 ? " member failed)" : " members failed)") : ""));
    }
    if (lastSuccess == null) {
      attention.add("no successful daily-sync recorded yet");
    } else if (stale) {
      attention.add("no successful daily-sync in the last " + STALE_AFTER.toHours() + " hours (the last finished "
          + lastSuccess.finishedAt() + ")");
    }
    if (webhooks.failedLast7Days() > 0) {
      attention.add(webhooks.failedLast7Days() + " webhook event" + (webhooks.failedLast7Days() == 1 ? "" : "s")
          + " failed in the last 7 days");
    }
    if (!unrecoverable.isEmpty()) {
      attention.add(unrecoverable.total() + " contact" + (unrecoverable.total() == 1 ? " is" : "s are")
          + " blocked or unrecoverable in Intercom: an admin must act");
    }
    Health health = attention.isEmpty() ? Health.HEALTHY : Health.ATTENTION;
    return new Status(now, memberSchema, health, attention, lastRuns, lastDailySync, lastSuccess, stale, failing, unrecoverable,
        new ProblemList(conflictCount, conflicts), webhooks);
  }

  private List<RunSummary> runs(Connection c, String where, int limit, String... args) throws SQLException {
    String sql = "select " + RUN_COLUMNS + " from " + OperationsSchema.RUNS + " where member_schema = ? and " + where
        + " order by started_at desc, id desc limit " + limit;
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setDouble(1, lease.toMillis() / 1000.0);
      st.setString(2, memberSchema);
      for (int i = 0; i < args.length; i++) {
        st.setString(3 + i, args[i]);
      }
      List<RunSummary> runs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          runs.add(summary(rs));
        }
      }
      return runs;
    }
  }

  private static RunSummary summary(ResultSet rs) throws SQLException {
    Map<String, Long> totals = new LinkedHashMap<>();
    JsonNode t = tree(rs.getString(8));
    if (t != null) {
      // the contract's order first (jsonb keeps its own), then any other total
      for (RunReport.Total known : RunReport.Total.values()) {
        if (t.has(known.key())) {
          totals.put(known.key(), t.get(known.key()).asLong());
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = t.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        totals.putIfAbsent(f.getKey(), f.getValue().asLong());
      }
    }
    JsonNode requests = tree(rs.getString(9));
    List<String> arguments = new ArrayList<>();
    JsonNode args = tree(rs.getString(12));
    if (args != null) {
      args.forEach(a -> arguments.add(a.asText()));
    }
    int exit = rs.getInt(7);
    Integer exitCode = rs.wasNull() ? null : exit;
    return new RunSummary(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), instant(rs, 5), instant(rs, 6),
        exitCode, totals, requests == null || !requests.has("total") ? null : requests.get("total").asLong(),
        rs.getString(10), rs.getLong(11), arguments, PhoneNumbers.strip(rs.getString(13)));
  }

  /** The named top-level keys of a run's report (only they are read: a report may be large). */
  private static JsonNode report(Connection c, long id, String... keys) throws SQLException {
    StringBuilder sql = new StringBuilder("select jsonb_build_object(");
    for (int i = 0; i < keys.length; i++) {
      sql.append(i == 0 ? "" : ", ").append("'").append(keys[i]).append("', report->'").append(keys[i]).append("'");
    }
    sql.append(") from ").append(OperationsSchema.RUNS).append(" where id = ?");
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setLong(1, id);
      try (ResultSet rs = st.executeQuery()) {
        JsonNode node = rs.next() ? tree(rs.getString(1)) : null;
        return node == null ? JSON.createObjectNode() : node;
      }
    }
  }

  private static List<Problem> problems(JsonNode items) {
    List<Problem> problems = new ArrayList<>();
    if (items != null && items.isArray()) {
      for (JsonNode e : items) {
        problems.add(new Problem(intOrNull(e.get("memberNumber")), textOrNull(e.get("email")), textOrNull(e.get("contactId")),
            PhoneNumbers.strip(textOrNull(e.has("error") ? e.get("error") : e.get("reason")))));
      }
    }
    return problems;
  }

  private WebhookStatus webhooks(Connection c, Instant now) throws SQLException {
    if (!exists(c, WEBHOOK_EVENTS)) {
      return WebhookStatus.ABSENT;
    }
    OffsetDateTime since = now.minus(WEBHOOK_FAILURE_WINDOW).atOffset(ZoneOffset.UTC);
    long failed;
    List<FailedEvent> recent = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("select count(*) from " + WEBHOOK_EVENTS
        + " where status = 'failed' and finished_at >= ?")) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setObject(1, since);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        failed = rs.getLong(1);
      }
    }
    if (failed > 0) {
      try (PreparedStatement st = c.prepareStatement("select id, topic, finished_at, attempts, last_error from " + WEBHOOK_EVENTS
          + " where status = 'failed' and finished_at >= ? order by finished_at desc limit " + WebhookStatus.MAX_LISTED)) {
        st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        st.setObject(1, since);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            recent.add(new FailedEvent(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getInt(4),
                PhoneNumbers.strip(rs.getString(5))));
          }
        }
      }
    }
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = st.executeQuery("select count(*), min(received_at) from " + WEBHOOK_EVENTS
          + " where status in ('pending', 'processing')")) {
        rs.next();
        long pending = rs.getLong(1);
        Instant oldest = instant(rs, 2);
        return new WebhookStatus(true, failed, recent, pending, oldest, oldest == null ? null : Duration.between(oldest, now));
      }
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("select to_regclass(?) is not null")) {
      st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static List<Problem> concat(List<Problem> a, List<Problem> b) {
    List<Problem> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void add(List<Problem> list, Problem p) {
    if (list.size() < ProblemList.MAX_LISTED) {
      list.add(p);
    }
  }

  private static RunSummary first(List<RunSummary> runs) {
    return runs.isEmpty() ? null : runs.get(0);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Integer intOrNull(JsonNode n) {
    return n == null || n.isNull() || !n.canConvertToInt() ? null : n.asInt();
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
