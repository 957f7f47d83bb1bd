package org.natca.intercom.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

  /**
   * A contact Intercom will not give back: {@code kind} {@code blocked}, {@code merged-away} or
   * {@code deleted}, what happened and what a person can do.
   */
  public record Unrecoverable(String kind, Integer memberNumber, String email, String contactId, String whatHappened,
      String whatToDo) {}

  /** One action, done or (dry run) planned: e.g. "update", contact, member, why. */
  public record Action(String action, Integer memberNumber, String contactId, String reason) {}

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

  /** A blocked contact: counted under {@code blocked}, listed with what an admin must do. Not a failure. */
  public void blocked(Integer memberNumber, String email, String contactId, String adminAction) {
    synchronized (blocked) {
      blocked.add(new ItemError(memberNumber, email, contactId, adminAction));
    }
    increment(Total.BLOCKED);
  }

  /** A contact Intercom will not give back (blocked ones are also counted with {@link #blocked}). Not a failure. */
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

  public void action(String action, Integer memberNumber, String contactId, String reason) {
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

  /** The report as JSON-ready maps, keys as the contract names them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command);
    m.put("dryRun", dryRun);
    m.put("startedAt", startedAt.toString());
    m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    m.put("durationSeconds", duration().toMillis() / 1000.0);
    Map<String, Object> t = new LinkedHashMap<>();
    for (Total total : Total.values()) {
      t.put(total.key(), get(total));
    }
    m.put("totals", t);
    m.put("requests", Map.of("total", requestsTotal, "writes", requestsWrites));
    m.put("errors", errors());
    if (abortReason != null) {
      m.put("aborted", abortReason);
    }
    m.put("blocked", blockedContacts());
    m.put("unrecoverable", unrecoverableContacts());
    m.put("warnings", warnings());
    m.put("actions", actions());
    synchronized (extra) {
      m.putAll(extra);
    }
    return m;
  }

  public void writeJson(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      MAPPER.writeValue(tmp.toFile(), toMap());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The human summary for stdout: one line per total that matters, then failures and blocked contacts. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(command).append(dryRun ? " (dry run: nothing was written)" : "").append(" finished in ")
        .append(formatDuration(duration())).append('\n');
    for (Total total : Total.values()) {
      sb.append(String.format("  %-19s %d%n", total.key(), get(total)));
    }
    sb.append(String.format("  %-19s %d (%d writes)%n", "requests", requestsTotal, requestsWrites));
    if (abortReason != null) {
      sb.append("STOPPED EARLY: ").append(abortReason).append('\n');
    }
    List<ItemError> b = blockedContacts();
    if (!b.isEmpty()) {
      sb.append("Blocked in Intercom (an admin must act):\n");
      b.forEach(e -> sb.append("  ").append(describe(e)).append('\n'));
    }
    List<Unrecoverable> lost = unrecoverableContacts().stream().filter(u -> !u.kind().equals("blocked")).toList();
    if (!lost.isEmpty()) {
      sb.append("Cannot be restored in Intercom (a person must act):\n");
      lost.forEach(u -> sb.append("  ").append(describe(new ItemError(u.memberNumber(), u.email(), u.contactId(),
          u.kind() + ": " + u.whatHappened() + ". What to do: " + u.whatToDo()))).append('\n'));
    }
    List<ItemError> errs = errors();
    if (!errs.isEmpty()) {
      sb.append("Failed (").append(failuresNote).append("):\n");
      errs.stream().limit(50).forEach(e -> sb.append("  ").append(describe(e)).append('\n'));
      if (errs.size() > 50) {
        sb.append("  ... and ").append(errs.size() - 50).append(" more (see --report)\n");
      }
    }
    List<String> w = warnings();
    if (!w.isEmpty()) {
      sb.append("Warnings:\n");
      w.stream().limit(50).forEach(x -> sb.append("  ").append(x).append('\n'));
      if (w.size() > 50) {
        sb.append("  ... and ").append(w.size() - 50).append(" more (see --report)\n");
      }
    }
    return sb.toString();
  }

  static String describe(ItemError e) {
    StringBuilder sb = new StringBuilder();
    if (e.memberNumber() != null) {
      sb.append("member ").append(e.memberNumber()).append(' ');
    }
    if (e.email() != null) {
      sb.append('<').append(e.email()).append("> ");
    }
    if (e.contactId() != null) {
      sb.append("contact ").append(e.contactId()).append(' ');
    }
    return sb.append(": ").append(e.error()).toString();
  }

  public static String formatDuration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return String.format("%.1fs", d.toMillis() / 1000.0);
    }
    return (s / 3600 > 0 ? s / 3600 + "h" : "") + (s % 3600) / 60 + "m" + s % 60 + "s";
  }

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
}
