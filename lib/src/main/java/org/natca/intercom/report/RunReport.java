package org.natca.intercom.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run did, counted as it goes (thread-safe): the totals, the failures, and the actions taken
 * or, in a dry run, planned, each with its reason. Written as the JSON of CONTRACT.md ("Run report").
 */
public final class RunReport {

  /** The contract's totals, in the contract's order. */
  public enum Total {
    MEMBERS("members"), CREATED("created"), UPDATED("updated"), UNCHANGED("unchanged"), SKIPPED("skipped"),
    DUPLICATES_RESOLVED("duplicatesResolved"), UNARCHIVED("unarchived"), BLOCKED("blocked"), FAILED("failed");

    private final String key;

    Total(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** A failed item: who, which contact, what went wrong (one line). Any field may be null. */
  public record ItemError(Integer memberNumber, String email, String contactId, String error) {}

  /** One action, done or (dry run) planned: e.g. "update", contact, member, why. */
  public record Action(Verb action, Integer memberNumber, String contactId, String reason) {}

  private final String command;
  private final boolean dryRun;
  private final Clock clock;
  private final Instant startedAt;
  private volatile Instant finishedAt;
  private final Map<Total, AtomicLong> totals = new EnumMap<>(Total.class);
  private final List<ItemError> errors = new ArrayList<>();
  private final List<ItemError> blocked = new ArrayList<>();
  private final List<Unrecoverable> unrecoverable = new ArrayList<>();
  private final List<Action> actions = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private volatile String abortReason;
  private volatile String failuresNote = "retried on the next run";
  private volatile long requestsTotal;
  private volatile long requestsWrites;

  public RunReport(String command, boolean dryRun, Clock clock) {
    this.command = command;
    this.dryRun = dryRun;
    this.clock = clock;
    this.startedAt = clock.instant();
    for (Total t : Total.values()) {
      totals.put(t, new AtomicLong());
    }
  }

  public String command() {
    return command;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public void add(Total total, long n) {
    totals.get(total).addAndGet(n);
  }

  public void increment(Total total) {
    add(total, 1);
  }

  public long get(Total total) {
    return totals.get(total).get();
  }

  /** Records a failed item and counts it under {@code failed}. */
  public void fail(Integer memberNumber, String email, String contactId, String error) {
    synchronized (errors) {
      errors.add(new ItemError(memberNumber, email, contactId, error));
    }
    increment(Total.FAILED);
  }

  /**
   * A contact Intercom will not give back: {@code kind} {@code blocked}, {@code merged-away} or
   * {@code deleted}, what happened and what a person can do.
   */
  public record Unrecoverable(String kind, Integer memberNumber, String email, String contactId, String whatHappened,
      String whatToDo) {}

  /** A contact Intercom will not give back (blocked ones are also listed by {@link #blocked}). Not a failure. */
  public void unrecoverable(String kind, Integer memberNumber, String email, String contactId, String whatHappened,
      String whatToDo) {
    synchronized (unrecoverable) {
      unrecoverable.add(new Unrecoverable(kind, memberNumber, email, contactId, whatHappened, whatToDo));
    }
  }

  public List<Unrecoverable> unrecoverableContacts() {
    synchronized (unrecoverable) {
      return List.copyOf(unrecoverable);
    }
  }

  /** A blocked contact: counted under {@code blocked}, listed with what an admin must do. Not a failure. */
  public void blocked(Integer memberNumber, String email, String contactId, String adminAction) {
    synchronized (blocked) {
      blocked.add(new ItemError(memberNumber, email, contactId, adminAction));
    }
    increment(Total.BLOCKED);
  }

  public void action(Verb action, Integer memberNumber, String contactId, String reason) {
    synchronized (actions) {
      actions.add(new Action(action, memberNumber, contactId, reason));
    }
  }

  public void warn(String warning) {
    synchronized (warnings) {
      warnings.add(warning);
    }
  }

  /** A command-specific section of the report (e.g. "journal": path). */
  public void put(String key, Object value) {
    synchronized (extra) {
      extra.put(key, value);
    }
  }

  /**
   * What the summary says about the failures: by default that the next run retries them, which holds
   * for the nightly sync; a one-off command says what the operator should do instead.
   */
  public void failuresNote(String note) {
    this.failuresNote = note;
  }

  /** The run stopped early (Intercom or the database became unusable); what was not done is retried next run. */
  public void abort(String reason) {
    if (abortReason == null) {
      abortReason = reason;
    }
  }

  public String abortReason() {
    return abortReason;
  }

  public boolean aborted() {
    return abortReason != null;
  }

  public void requests(long total, long writes) {
    this.requestsTotal = total;
    this.requestsWrites = writes;
  }

  public long requestsTotal() {
    return requestsTotal;
  }

  public long requestsWrites() {
    return requestsWrites;
  }

  public void finish() {
    if (finishedAt == null) {
      finishedAt = clock.instant();
    }
  }

  public List<ItemError> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  public List<ItemError> blockedContacts() {
    synchronized (blocked) {
      return List.copyOf(blocked);
    }
  }

  public List<Action> actions() {
    synchronized (actions) {
      return List.copyOf(actions);
    }
  }

  public List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  public Duration duration() {
    Instant end = finishedAt == null ? clock.instant() : finishedAt;
    return Duration.between(startedAt, end);
  }

  /** The report as JSON-ready maps, keys as the contract names them ({@link ReportJson}). */
  public Map<String, Object> toMap() {
    return ReportJson.toMap(this);
  }

  /** The JSON report, written whole and owner-only (see {@link ReportFile#write}). */
  public void writeJson(Path file) {
    ReportJson.write(this, file);
  }

  /** The human summary for stdout ({@link ReportSummary}). */
  public String summary() {
    return ReportSummary.of(this);
  }

  /** A command-specific section of the report, as put. */
  Map<String, Object> extra() {
    synchronized (extra) {
      return new LinkedHashMap<>(extra);
    }
  }

  String failuresNote() {
    return failuresNote;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  public static String formatDuration(Duration d) {
    return ReportSummary.formatDuration(d);
  }
}
