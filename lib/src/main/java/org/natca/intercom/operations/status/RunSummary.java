package org.natca.intercom.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run from the history. {@code state}: {@code running} (its heartbeat is recent), {@code finished},
 * {@code refused} (by the run lock), or {@code not finished} (no heartbeat for longer than the lease:
 * killed, or its container vanished). {@code totals} as in the run report; empty when it has none.
 */
public record RunSummary(
    long id,
    String command,
    boolean dryRun,
    String state,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    Map<String, Long> totals,
    Long requests,
    String host,
    long pid,
    List<String> arguments,
    String error) {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String REFUSED = "refused";
  public static final String NOT_FINISHED = "not finished";

  public RunSummary {
    totals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(totals));
    arguments = List.copyOf(arguments);
  }

  /** From start to end; null while running or when it never finished. */
  public Duration duration() {
    return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }

  public long total(String key) {
    return totals.getOrDefault(key, 0L);
  }

  public boolean succeeded() {
    return FINISHED.equals(state) && exitCode != null && exitCode == 0;
  }
}
