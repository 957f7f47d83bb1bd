package org.natca.intercom.report;

import java.time.Duration;
import java.util.List;

/** The human summary of a run report, for stdout: the totals, then blocked contacts, failures and warnings. */
public final class ReportSummary {
  /** At most this many failures and warnings are listed; the rest are in the JSON report. */
  static final int LISTED = 50;

  private ReportSummary() {}

  public static String of(RunReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.command()).append(r.dryRun() ? " (dry run: nothing was written)" : "").append(" finished in ")
        .append(formatDuration(r.duration())).append('\n');
    for (RunReport.Total total : RunReport.Total.values()) {
      sb.append(String.format("  %-19s %d%n", total.key(), r.get(total)));
    }
    sb.append(String.format("  %-19s %d (%d writes)%n", "requests", r.requestsTotal(), r.requestsWrites()));
    if (r.abortReason() != null) {
      sb.append("STOPPED EARLY: ").append(r.abortReason()).append('\n');
    }
    List<RunReport.ItemError> b = r.blockedContacts();
    if (!b.isEmpty()) {
      sb.append("Blocked in Intercom (an admin must act):\n");
      b.forEach(e -> sb.append("  ").append(describe(e)).append('\n'));
    }
    List<RunReport.Unrecoverable> lost = r.unrecoverableContacts().stream().filter(u -> !u.kind().equals("blocked")).toList();
    if (!lost.isEmpty()) {
      sb.append("Cannot be restored in Intercom (a person must act):\n");
      lost.forEach(u -> sb.append("  ").append(describe(new RunReport.ItemError(u.memberNumber(), u.email(), u.contactId(),
          u.kind() + ": " + u.whatHappened() + ". What to do: " + u.whatToDo()))).append('\n'));
    }
    List<RunReport.ItemError> errs = r.errors();
    if (!errs.isEmpty()) {
      sb.append("Failed (").append(r.failuresNote()).append("):\n");
      errs.stream().limit(LISTED).forEach(e -> sb.append("  ").append(describe(e)).append('\n'));
      more(sb, errs.size());
    }
    List<String> w = r.warnings();
    if (!w.isEmpty()) {
      sb.append("Warnings:\n");
      w.stream().limit(LISTED).forEach(x -> sb.append("  ").append(x).append('\n'));
      more(sb, w.size());
    }
    return sb.toString();
  }

  private static void more(StringBuilder sb, int size) {
    if (size > LISTED) {
      sb.append("  ... and ").append(size - LISTED).append(" more (see --report)\n");
    }
  }

  static String describe(RunReport.ItemError e) {
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
}
