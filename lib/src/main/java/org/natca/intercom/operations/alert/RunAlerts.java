package org.natca.intercom.operations.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.operations.RunEnd;
import org.natca.intercom.operations.RunStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts at the end of a writing run, on a change of state only: the command failing (exit 1 or
 * 3) when it last succeeded, and its recovery; contacts newly blocked or unrecoverable; then
 * {@link WebhookFailureAlerts}. A state is remembered as alerted only once its message was delivered,
 * so a failed delivery is tried again by the next run that finds the same state. Dry runs and runs
 * refused by the lock alert nothing. Never throws, never changes the run's outcome.
 */
public final class RunAlerts {
  private static final Logger log = LoggerFactory.getLogger(RunAlerts.class);
  static final String OK = "ok";
  static final String FAILING = "failing";
  private static final int LISTED = 10;

  private final AlertSink sink;
  private final AlertText text;
  private final Clock clock;
  private final AlertState state;
  private final WebhookFailureAlerts webhooks;

  public RunAlerts(DataSource dataSource, AlertSink sink, AlertText text, Clock clock) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.text = Objects.requireNonNull(text, "text");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.state = new AlertState(dataSource);
    this.webhooks = new WebhookFailureAlerts(dataSource, sink, clock);
  }

  public void afterRun(RunStart start, RunEnd end) {
    if (start.dryRun()) {
      return;
    }
    try {
      commandState(start, end);
      blocked(start, end);
    } catch (RuntimeException e) {
      log.warn("alerts for this run could not be decided ({})", e.getMessage());
    }
    webhooks.check();
  }

  private void commandState(RunStart start, RunEnd end) {
    String now;
    if (end.exitCode() == 0) {
      now = OK;
    } else if (end.exitCode() == 1 || end.exitCode() == 3) {
      now = FAILING;
    } else {
      return;
    }
    String key = "run:" + start.memberSchema() + ":" + start.command();
    String before = state.get(key).map(AlertState.Entry::value).orElse(OK);
    if (before.equals(now)) {
      return;
    }
    Instant at = clock.instant();
    String message = FAILING.equals(now) ? failure(start, end, at) : recovery(start, end, at);
    if (sink.send(text.scrub(message))) {
      state.put(key, now, at);
    }
  }

  private String failure(RunStart start, RunEnd end, Instant at) {
    StringBuilder sb = new StringBuilder("natca-intercom: ").append(start.command()).append(" FAILED (exit ")
        .append(end.exitCode()).append(") on ").append(start.host()).append(" at ").append(at).append(", after succeeding before");
    JsonNode report = end.report();
    if (report != null) {
      List<String> failed = new ArrayList<>();
      for (JsonNode e : report.path("errors")) {
        if (failed.size() < LISTED && e.hasNonNull("memberNumber")) {
          failed.add(e.get("memberNumber").asText());
        }
      }
      long failedTotal = report.path("totals").path("failed").asLong();
      sb.append(": ").append(failedTotal).append(failedTotal == 1 ? " item failed" : " items failed");
      if (!failed.isEmpty()) {
        sb.append(" (member ").append(String.join(", ", failed)).append(failedTotal > failed.size() ? ", ..." : "").append(')');
      }
      sb.append(", ").append(report.path("totals").path("blocked").asLong()).append(" blocked");
      if (report.hasNonNull("aborted")) {
        sb.append(". Stopped early: ").append(report.get("aborted").asText());
      }
    } else if (end.error() != null) {
      sb.append(": ").append(end.error());
    }
    return sb.append(". Run 'natca-intercom status' for the details.").toString();
  }

  private String recovery(RunStart start, RunEnd end, Instant at) {
    StringBuilder sb = new StringBuilder("natca-intercom: ").append(start.command()).append(" recovered on ").append(start.host())
        .append(" at ").append(at).append(": exit 0");
    JsonNode totals = end.report() == null ? null : end.report().get("totals");
    if (totals != null) {
      sb.append(" (created ").append(totals.path("created").asLong()).append(", updated ").append(totals.path("updated").asLong())
          .append(", failed ").append(totals.path("failed").asLong()).append(", blocked ").append(totals.path("blocked").asLong()).append(')');
    }
    return sb.append('.').toString();
  }

  private void blocked(RunStart start, RunEnd end) {
    JsonNode report = end.report();
    if (report == null) {
      return;
    }
    Map<String, JsonNode> current = new LinkedHashMap<>();
    for (String key : List.of("blocked", "unrecoverable")) {
      for (JsonNode item : report.path(key)) {
        if (item.hasNonNull("contactId")) {
          current.putIfAbsent(item.get("contactId").asText(), item);
        }
      }
    }
    boolean complete = "daily-sync".equals(start.command()) && !report.hasNonNull("aborted")
        && start.arguments().stream().noneMatch(a -> a.startsWith("--limit"));
    if (complete) {
      // a complete daily-sync sees every member: contacts it no longer finds blocked are alerted again if blocked again
      state.retainBlocked(start.memberSchema(), current.keySet());
    }
    if (current.isEmpty()) {
      return;
    }
    Instant at = clock.instant();
    List<String> added = state.addBlocked(start.memberSchema(), current.keySet(), at);
    if (added.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("natca-intercom: ").append(added.size())
        .append(added.size() == 1 ? " contact is" : " contacts are").append(" newly blocked or unrecoverable in Intercom (seen by ")
        .append(start.command()).append(" on ").append(start.host()).append("); an admin must act:");
    for (String id : added.subList(0, Math.min(LISTED, added.size()))) {
      JsonNode item = current.get(id);
      sb.append("\n- ");
      if (item.hasNonNull("memberNumber")) {
        sb.append("member ").append(item.get("memberNumber").asText()).append(", ");
      }
      sb.append("contact ").append(id);
      String why = item.hasNonNull("error") ? item.get("error").asText() : item.path("reason").asText(null);
      if (why != null) {
        sb.append(": ").append(why);
      }
    }
    if (added.size() > LISTED) {
      sb.append("\n- ... and ").append(added.size() - LISTED).append(" more (natca-intercom status lists them)");
    }
    if (!sink.send(text.scrub(sb.toString()))) {
      state.removeBlocked(start.memberSchema(), added);
    }
  }
}
