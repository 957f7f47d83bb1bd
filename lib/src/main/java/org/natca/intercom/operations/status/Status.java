package org.natca.intercom.operations.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} says, {@code GET /status} shows and {@code GET /status.json} returns: the last
 * runs of each command, the open problems that need a person, and the verdict. Built by
 * {@link StatusReader#read()}; written as JSON by {@link StatusJson}, as text by {@link StatusText}.
 *
 * @param attention why {@link Health#ATTENTION} (empty when healthy); or, when unreachable, the database error
 * @param lastRuns per command ({@link StatusReader#COMMANDS}), newest first
 * @param lastDailySync the last writing daily-sync that is not running now (the one whose problems are open)
 * @param lastSuccessfulDailySync null when there is none
 * @param dailySyncStale no successful daily-sync within {@link StatusReader#STALE_AFTER}
 */
public record Status(
    Instant generatedAt,
    String memberSchema,
    Health health,
    List<String> attention,
    Map<String, List<RunSummary>> lastRuns,
    RunSummary lastDailySync,
    RunSummary lastSuccessfulDailySync,
    boolean dailySyncStale,
    ProblemList failingMembers,
    ProblemList unrecoverableContacts,
    ProblemList conflicts,
    WebhookStatus webhooks) {

  public Status {
    attention = List.copyOf(attention);
    lastRuns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lastRuns));
  }

  /** The database could not be read: nothing else is known. */
  public static Status unreachable(Instant at, String memberSchema, String error) {
    return new Status(at, memberSchema, Health.UNREACHABLE, List.of(error), Map.of(), null, null, false,
        ProblemList.NONE, ProblemList.NONE, ProblemList.NONE, WebhookStatus.ABSENT);
  }

  public int exitCode() {
    return health.exitCode();
  }
}
