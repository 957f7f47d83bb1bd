package org.natca.intercom.operations.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Status}: what {@code status --json} prints and {@code GET /status.json}
 * answers. Keys are fixed here, in this order; times are ISO-8601 UTC, durations in seconds.
 */
public final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  public static String write(Status s) {
    try {
      return JSON.writeValueAsString(toMap(s));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> toMap(Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generatedAt", time(s.generatedAt()));
    m.put("memberSchema", s.memberSchema());
    m.put("health", s.health().label());
    m.put("exitCode", s.exitCode());
    m.put("attention", s.attention());
    Map<String, Object> runs = new LinkedHashMap<>();
    s.lastRuns().forEach((command, list) -> runs.put(command, list.stream().map(StatusJson::run).toList()));
    m.put("lastRuns", runs);
    m.put("lastDailySync", run(s.lastDailySync()));
    m.put("lastSuccessfulDailySync", run(s.lastSuccessfulDailySync()));
    m.put("dailySyncStale", s.dailySyncStale());
    Map<String, Object> problems = new LinkedHashMap<>();
    problems.put("failingMembers", problems(s.failingMembers()));
    problems.put("unrecoverableContacts", problems(s.unrecoverableContacts()));
    problems.put("conflicts", problems(s.conflicts()));
    m.put("problems", problems);
    WebhookStatus w = s.webhooks();
    Map<String, Object> webhooks = new LinkedHashMap<>();
    webhooks.put("inboxExists", w.inboxExists());
    webhooks.put("failedLast7Days", w.failedLast7Days());
    List<Map<String, Object>> failures = new ArrayList<>();
    for (FailedEvent e : w.recentFailures()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", e.id());
      f.put("topic", e.topic());
      f.put("finishedAt", time(e.finishedAt()));
      f.put("attempts", e.attempts());
      f.put("error", e.error());
      failures.add(f);
    }
    webhooks.put("recentFailures", failures);
    webhooks.put("pending", w.pending());
    webhooks.put("oldestPendingReceivedAt", time(w.oldestPendingReceivedAt()));
    webhooks.put("oldestPendingAgeSeconds", seconds(w.oldestPendingAge()));
    m.put("webhooks", webhooks);
    return m;
  }

  private static Map<String, Object> run(RunSummary r) {
    if (r == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("command", r.command());
    m.put("dryRun", r.dryRun());
    m.put("state", r.state());
    m.put("startedAt", time(r.startedAt()));
    m.put("finishedAt", time(r.finishedAt()));
    m.put("durationSeconds", seconds(r.duration()));
    m.put("exitCode", r.exitCode());
    m.put("totals", r.totals());
    m.put("requests", r.requests());
    m.put("host", r.host());
    m.put("pid", r.pid());
    m.put("arguments", r.arguments());
    m.put("error", r.error());
    return m;
  }

  private static Map<String, Object> problems(ProblemList list) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", list.total());
    List<Map<String, Object>> items = new ArrayList<>();
    for (Problem p : list.items()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("memberNumber", p.memberNumber());
      i.put("email", p.email());
      i.put("contactId", p.contactId());
      i.put("problem", p.problem());
      items.add(i);
    }
    m.put("items", items);
    return m;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
