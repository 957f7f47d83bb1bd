package org.natca.intercom.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The human form of a {@link Status}, for {@code status} on a terminal at 3 a.m. */
public final class StatusText {
  private static final int LISTED = 20;

  private StatusText() {}

  public static String render(Status s) {
    StringBuilder sb = new StringBuilder();
    sb.append("natca-intercom status of member schema ").append(s.memberSchema()).append(" at ").append(s.generatedAt())
        .append(": ").append(switch (s.health()) {
          case HEALTHY -> "HEALTHY";
          case ATTENTION -> "ATTENTION NEEDED";
          case UNREACHABLE -> "DATABASE UNREACHABLE";
        }).append('\n');
    s.attention().forEach(a -> sb.append("  ! ").append(a).append('\n'));
    if (s.health() == Health.UNREACHABLE) {
      return sb.toString();
    }
    sb.append("\nLast runs:\n");
    for (Map.Entry<String, List<RunSummary>> e : s.lastRuns().entrySet()) {
      if (e.getValue().isEmpty()) {
        sb.append(String.format("  %-14s never%n", e.getKey()));
      }
      for (RunSummary r : e.getValue()) {
        sb.append(String.format("  %-14s %s%n", r.command(), describe(r, s.generatedAt())));
      }
    }
    RunSummary ok = s.lastSuccessfulDailySync();
    sb.append("\nLast successful daily-sync: ")
        .append(ok == null ? "none" : ok.finishedAt() + " (" + ago(Duration.between(ok.finishedAt(), s.generatedAt())) + " ago)")
        .append(s.dailySyncStale() ? "  STALE (older than " + StatusReader.STALE_AFTER.toHours() + " h)" : "").append('\n');
    list(sb, "Members failing in the last daily-sync (retried on the next run)", s.failingMembers());
    list(sb, "Blocked or unrecoverable contacts (an admin must act)", s.unrecoverableContacts());
    list(sb, "Conflicts (a person must decide; left alone)", s.conflicts());
    WebhookStatus w = s.webhooks();
    sb.append("\nWebhooks: ");
    if (!w.inboxExists()) {
      sb.append("no inbox in this database (webhook-serve has not run against it)\n");
      return sb.toString();
    }
    sb.append(w.failedLast7Days()).append(" failed in the last 7 days; ").append(w.pending()).append(" pending");
    if (w.oldestPendingAge() != null) {
      sb.append(", the oldest received ").append(ago(w.oldestPendingAge())).append(" ago");
    }
    sb.append('\n');
    for (FailedEvent f : w.recentFailures().subList(0, Math.min(LISTED, w.recentFailures().size()))) {
      sb.append("  ").append(f.finishedAt()).append(' ').append(f.topic()).append(' ').append(f.id())
          .append(" after ").append(f.attempts()).append(" attempts: ").append(f.error()).append('\n');
    }
    return sb.toString();
  }

  static String describe(RunSummary r, Instant now) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.startedAt()).append(r.dryRun() ? " dry run" : "");
    switch (r.state()) {
      case RunSummary.RUNNING -> sb.append("  RUNNING for ").append(ago(Duration.between(r.startedAt(), now)));
      case RunSummary.NOT_FINISHED -> sb.append("  DID NOT FINISH (killed?)");
      case RunSummary.REFUSED -> sb.append("  refused by the run lock");
      default -> {
        sb.append("  ").append(ago(r.duration())).append("  exit ").append(r.exitCode());
        if (!r.totals().isEmpty()) {
          sb.append("  created ").append(r.total("created")).append(", updated ").append(r.total("updated"))
              .append(", failed ").append(r.total("failed")).append(", blocked ").append(r.total("blocked"));
        }
        if (r.requests() != null) {
          sb.append(", ").append(r.requests()).append(" requests");
        }
      }
    }
    sb.append("  on ").append(r.host());
    if (r.error() != null && !RunSummary.REFUSED.equals(r.state())) {
      sb.append("\n  ").append(" ".repeat(14)).append(' ').append(r.error());
    }
    return sb.toString();
  }

  private static void list(StringBuilder sb, String title, ProblemList problems) {
    sb.append('\n').append(title).append(": ").append(problems.total()).append('\n');
    for (Problem p : problems.items().subList(0, Math.min(LISTED, problems.items().size()))) {
      sb.append("  ");
      if (p.memberNumber() != null) {
        sb.append("member ").append(p.memberNumber()).append(' ');
      }
      if (p.contactId() != null) {
        sb.append("contact ").append(p.contactId()).append(' ');
      }
      sb.append(": ").append(p.problem()).append('\n');
    }
    if (problems.total() > LISTED) {
      sb.append("  ... and ").append(problems.total() - LISTED).append(" more (status --json lists up to ")
          .append(ProblemList.MAX_LISTED).append(")\n");
    }
  }

  static String ago(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return String.format("%.1fs", d.toMillis() / 1000.0);
    }
    if (s < 3600) {
      return s / 60 + "m" + s % 60 + "s";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
    return s / 86400 + "d" + (s % 86400) / 3600 + "h";
  }
}
