package org.natca.intercom.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page, {@code GET /status}: one self-contained HTML document (inline CSS, the chart drawn
 * here as inline SVG, no script, nothing loaded from elsewhere) for the platform team and support
 * leads. Every value that came from the database or Intercom is escaped; phone numbers are already
 * gone ({@link StatusReader}).
 *
 * <p>The DOM is a contract with the browser test: {@code main#status-page}; {@code p#health} with
 * class {@code health-healthy|health-attention|health-unreachable}; {@code svg#daily-sync-chart} with
 * one {@code g.run} per charted run holding {@code rect.writes}, {@code rect.failures} and a
 * {@code title}, or a {@code text.no-runs}; {@code table#recent-runs} with {@code tr.run} rows;
 * {@code section#problems} with {@code li.problem} items, each contact in them an
 * {@code a.intercom-contact} into Intercom.
 */
public final class StatusHtml {
  public static final String INTERCOM_APPS = "https://app.intercom.com/a/apps/";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

  // chart geometry, in SVG user units
  private static final int WIDTH = 760;
  private static final int HEIGHT = 260;
  private static final int LEFT = 52;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 34;
  private static final double PLOT_W = WIDTH - LEFT - RIGHT;
  private static final double PLOT_H = HEIGHT - TOP - BOTTOM;

  private static final String CSS = String.join("\n",
      "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}",
      "main{max-width:1100px;margin:0 auto;padding:20px 24px 40px}",
      "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}",
      ".meta{color:#5b6475;margin:0 0 14px}",
      "#health{padding:12px 16px;border-radius:6px;border-left:6px solid;background:#fff;margin:0}",
      ".health-healthy{border-color:#1f9d55!important}.health-attention{border-color:#d97706!important}"
          + ".health-unreachable{border-color:#c81e1e!important}",
      "#attention{margin:8px 0 0;padding-left:22px;color:#8a3b00}",
      "svg{background:#fff;border-radius:6px;max-width:100%;height:auto}",
      "rect.writes{fill:#3b6fd8}rect.failures{fill:#d43d3d}g.run:hover rect{opacity:.75}",
      ".axis{stroke:#9aa3b2;stroke-width:1}.grid{stroke:#e3e6eb;stroke-width:1}",
      "svg text{font-size:11px;fill:#5b6475}svg text.no-runs{font-size:14px}",
      ".legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}",
      "table{border-collapse:collapse;width:100%;background:#fff;border-radius:6px}",
      "th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e3e6eb;vertical-align:top}",
      "th{font-weight:600;background:#eef0f4}td.num{text-align:right;white-space:nowrap}",
      ".state-finished{color:#1f6f3f}.state-running{color:#3b6fd8}.state-not-finished{color:#c81e1e}"
          + ".state-refused{color:#5b6475}.exit-bad{color:#c81e1e;font-weight:600}",
      ".error{color:#8a1c1c;font-size:13px;word-break:break-word}",
      "ul.problems{background:#fff;border-radius:6px;padding:8px 12px 8px 30px;margin:0}",
      "li.problem{margin:3px 0;word-break:break-word}.more,.none,.links-missing{color:#5b6475}",
      "a{color:#2453b3}code{font-size:13px}");

  private StatusHtml() {}

  /**
   * Where the contacts' links point: the Intercom app id ({@code app.id_code} of {@code GET /me}), or
   * why there is none (then the page shows the contact ids without links, and says why).
   */
  public record IntercomLinks(String appId, String missingBecause) {
    public static IntercomLinks to(String appId) {
      return new IntercomLinks(appId, null);
    }

    public static IntercomLinks none(String why) {
      return new IntercomLinks(null, why);
    }

    /** The contact's page in Intercom, or null without an app id. */
    public String contactUrl(String contactId) {
      return appId == null ? null : INTERCOM_APPS + pathSegment(appId) + "/users/" + pathSegment(contactId);
    }
  }

  public static String render(StatusPageData data, IntercomLinks links) {
    Status s = data.status();
    StringBuilder h = new StringBuilder(32 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>natca-intercom status: ").append(s.health().label()).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<main id=\"status-page\">\n")
        .append("<h1>natca-intercom status</h1>\n<p class=\"meta\">Member schema <code>").append(esc(s.memberSchema()))
        .append("</code>, as of ").append(time(s.generatedAt())).append(". The same data as JSON: <a href=\"status.json\">status.json</a>.</p>\n");
    health(h, s);
    h.append("<section id=\"chart\">\n<h2>daily-sync, the last ").append(StatusReader.CHART_DAYS).append(" days</h2>\n");
    chart(h, data);
    h.append("<p class=\"legend\"><span style=\"background:#3b6fd8\"></span>writes to Intercom per run"
        + "<span style=\"background:#d43d3d\"></span>members failed per run</p>\n</section>\n");
    if (s.health() != Health.UNREACHABLE) {
      runs(h, s);
      problems(h, s, links);
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void health(StringBuilder h, Status s) {
    h.append("<p id=\"health\" class=\"health-").append(s.health().label()).append("\"><strong>").append(switch (s.health()) {
      case HEALTHY -> "Healthy.";
      case ATTENTION -> "Attention needed.";
      case UNREACHABLE -> "Database unreachable: nothing else is known.";
    }).append("</strong>");
    if (s.health() != Health.UNREACHABLE) {
      RunSummary ok = s.lastSuccessfulDailySync();
      h.append(" Last successful daily-sync: ");
      if (ok == null) {
        h.append("none recorded");
      } else {
        h.append(time(ok.finishedAt())).append(" (").append(StatusText.ago(Duration.between(ok.finishedAt(), s.generatedAt())))
            .append(" ago)");
        if (s.dailySyncStale()) {
          h.append(", older than ").append(StatusReader.STALE_AFTER.toHours()).append(" hours");
        }
      }
      h.append(". Webhook inbox: ");
      WebhookStatus w = s.webhooks();
      if (!w.inboxExists()) {
        h.append("none in this database (webhook-serve has not run against it).");
      } else {
        h.append(w.pending()).append(" pending");
        if (w.oldestPendingAge() != null) {
          h.append(" (the oldest received ").append(StatusText.ago(w.oldestPendingAge())).append(" ago)");
        }
        h.append(", ").append(w.failedLast7Days()).append(" failed in the last ")
            .append(StatusReader.WEBHOOK_FAILURE_WINDOW.toDays()).append(" days.");
      }
    }
    h.append("</p>\n");
    if (!s.attention().isEmpty()) {
      h.append("<ul id=\"attention\">\n");
      s.attention().forEach(a -> h.append("<li>").append(esc(a)).append("</li>\n"));
      h.append("</ul>\n");
    }
  }

  private static void chart(StringBuilder h, StatusPageData data) {
    List<ChartRun> runs = data.dailySyncRuns();
    long max = 1;
    for (ChartRun r : runs) {
      max = Math.max(max, Math.max(r.writes(), r.failures()));
    }
    long top = niceCeiling(max);
    int days = StatusReader.CHART_DAYS;
    double dayW = PLOT_W / days;
    h.append("<svg id=\"daily-sync-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"writes and failures of each daily-sync run of the last ").append(days)
        .append(" days\">\n");
    for (int i = 0; i <= 4; i++) {
      double y = TOP + PLOT_H - PLOT_H * i / 4;
      h.append("<line class=\"").append(i == 0 ? "axis" : "grid").append("\" x1=\"").append(LEFT).append("\" x2=\"")
          .append(WIDTH - RIGHT).append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>")
          .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\">")
          .append(label(top * i / 4.0)).append("</text>\n");
    }
    // a date a week, and "today" at the right end (no date label crowds it)
    for (int d = 0; d < days - 3; d += 7) {
      double x = LEFT + d * dayW;
      h.append("<text x=\"").append(num(x + dayW / 2)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
          .append("\" text-anchor=\"middle\">").append(DAY.format(data.chartSince().plus(Duration.ofDays(d)))).append("</text>\n");
    }
    h.append("<text x=\"").append(num(LEFT + (days - 0.5) * dayW)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
        .append("\" text-anchor=\"middle\">today</text>\n");
    if (runs.isEmpty()) {
      h.append("<text class=\"no-runs\" x=\"").append(num(LEFT + PLOT_W / 2)).append("\" y=\"").append(num(TOP + PLOT_H / 2))
          .append("\" text-anchor=\"middle\">No daily-sync runs in the last ").append(days).append(" days</text>\n");
    }
    // runs of one day share its slot, each drawn as a pair of bars
    int i = 0;
    while (i < runs.size()) {
      int day = dayIndex(data.chartSince(), runs.get(i).startedAt(), days);
      int j = i;
      while (j < runs.size() && dayIndex(data.chartSince(), runs.get(j).startedAt(), days) == day) {
        j++;
      }
      double slot = dayW / (j - i);
      for (int k = i; k < j; k++) {
        double x = LEFT + day * dayW + (k - i) * slot + slot * 0.1;
        double bar = slot * 0.4;
        ChartRun r = runs.get(k);
        h.append("<g class=\"run\" data-run=\"").append(r.id()).append("\" data-state=\"").append(esc(r.state()))
            .append("\"><title>").append(TIME.format(r.startedAt())).append(": ").append(r.writes()).append(" writes, ")
            .append(r.failures()).append(" failures (").append(outcome(r)).append(", run ").append(r.id()).append(")</title>");
        bar(h, "writes", x, bar, r.writes(), top);
        bar(h, "failures", x + bar, bar, r.failures(), top);
        h.append("</g>\n");
      }
      i = j;
    }
    h.append("</svg>\n");
  }

  private static void bar(StringBuilder h, String cls, double x, double w, long value, long top) {
    // a non-zero value stays visible however tall the others are
    double height = value == 0 ? 0 : Math.max(1.5, PLOT_H * value / top);
    h.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(TOP + PLOT_H - height))
        .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(height)).append("\"/>");
  }

  private static String outcome(ChartRun r) {
    return switch (r.state()) {
      case RunSummary.RUNNING -> "running";
      case RunSummary.NOT_FINISHED -> "did not finish";
      default -> "exit " + r.exitCode();
    };
  }

  private static int dayIndex(Instant since, Instant at, int days) {
    long d = Duration.between(since, at).toDays();
    return (int) Math.max(0, Math.min(days - 1, d));
  }

  /** 1, 2 or 5 times a power of ten, at least {@code max} and divisible into four labelled steps. */
  static long niceCeiling(long max) {
    long scale = 1;
    while (true) {
      for (long m : new long[] {4, 8, 20, 40}) {
        if (m * scale >= max) {
          return m * scale;
        }
      }
      scale *= 10;
    }
  }

  private static void runs(StringBuilder h, Status s) {
    h.append("<section id=\"runs\">\n<h2>Recent runs</h2>\n<table id=\"recent-runs\">\n<thead><tr><th>Command</th><th>State</th>"
        + "<th>Started</th><th>Duration</th><th>Exit</th><th>Counts</th><th>Host</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, List<RunSummary>> e : s.lastRuns().entrySet()) {
      if (e.getValue().isEmpty()) {
        h.append("<tr class=\"never\"><td>").append(esc(e.getKey())).append("</td><td colspan=\"6\">never run</td></tr>\n");
      }
      for (RunSummary r : e.getValue()) {
        h.append("<tr class=\"run\" data-run=\"").append(r.id()).append("\"><td>").append(esc(r.command())).append("</td>")
            .append("<td class=\"state-").append(esc(r.state().replace(' ', '-'))).append("\">").append(esc(r.state()))
            .append(r.dryRun() ? " (dry run)" : "").append("</td><td>").append(time(r.startedAt())).append("</td>")
            .append("<td class=\"num\">").append(r.duration() == null
                ? RunSummary.RUNNING.equals(r.state()) ? "for " + StatusText.ago(Duration.between(r.startedAt(), s.generatedAt())) : "-"
                : StatusText.ago(r.duration())).append("</td>")
            .append("<td class=\"num").append(r.exitCode() != null && r.exitCode() != 0 ? " exit-bad" : "").append("\">")
            .append(r.exitCode() == null ? "-" : r.exitCode().toString()).append("</td><td>").append(esc(counts(r)));
        if (r.error() != null && !RunSummary.REFUSED.equals(r.state())) {
          h.append("<div class=\"error\">").append(esc(r.error())).append("</div>");
        }
        h.append("</td><td>").append(esc(r.host())).append("</td></tr>\n");
      }
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static String counts(RunSummary r) {
    List<String> parts = new ArrayList<>();
    if (RunSummary.REFUSED.equals(r.state())) {
      parts.add("refused by the run lock");
    } else if (!r.totals().isEmpty()) {
      parts.add("created " + r.total("created") + ", updated " + r.total("updated") + ", failed " + r.total("failed")
          + ", blocked " + r.total("blocked"));
    }
    if (r.requests() != null) {
      parts.add(r.requests() + " requests");
    }
    return String.join("; ", parts);
  }

  private static void problems(StringBuilder h, Status s, IntercomLinks links) {
    h.append("<section id=\"problems\">\n<h2>Open problems</h2>\n");
    if (links.appId() == null) {
      h.append("<p class=\"links-missing\">No links into Intercom: ").append(esc(links.missingBecause())).append("</p>\n");
    }
    WebhookStatus w = s.webhooks();
    if (s.failingMembers().isEmpty() && s.unrecoverableContacts().isEmpty() && s.conflicts().isEmpty()
        && w.failedLast7Days() == 0) {
      h.append("<p class=\"none\">None: nothing needs a person.</p>\n");
    }
    list(h, "failing", "Members failing in the last daily-sync (retried on the next run)", s.failingMembers(), links);
    list(h, "unrecoverable", "Blocked or unrecoverable contacts (an admin must act)", s.unrecoverableContacts(), links);
    list(h, "conflicts", "Conflicts (a person must decide; left alone)", s.conflicts(), links);
    if (w.failedLast7Days() > 0) {
      h.append("<h3>Webhook events failed in the last ").append(StatusReader.WEBHOOK_FAILURE_WINDOW.toDays()).append(" days: ")
          .append(w.failedLast7Days()).append("</h3>\n<ul class=\"problems\" id=\"webhook-failures\">\n");
      for (FailedEvent f : w.recentFailures()) {
        h.append("<li class=\"problem\">").append(time(f.finishedAt())).append(" <code>").append(esc(f.topic()))
            .append("</code> ").append(esc(f.id())).append(" after ").append(f.attempts()).append(" attempts: ")
            .append(esc(f.error())).append("</li>\n");
      }
      h.append("</ul>\n");
      more(h, w.failedLast7Days(), w.recentFailures().size());
    }
    h.append("</section>\n");
  }

  private static void list(StringBuilder h, String id, String title, ProblemList problems, IntercomLinks links) {
    if (problems.isEmpty()) {
      return;
    }
    h.append("<h3>").append(title).append(": ").append(problems.total()).append("</h3>\n<ul class=\"problems\" id=\"")
        .append(id).append("\">\n");
    for (Problem p : problems.items()) {
      List<String> who = new ArrayList<>();
      if (p.memberNumber() != null) {
        who.add("member " + p.memberNumber());
      }
      if (p.email() != null) {
        who.add(esc(p.email()));
      }
      if (p.contactId() != null) {
        String url = links.contactUrl(p.contactId());
        who.add(url == null ? "contact <code>" + esc(p.contactId()) + "</code>"
            : "<a class=\"intercom-contact\" href=\"" + esc(url) + "\">contact " + esc(p.contactId()) + "</a>");
      }
      h.append("<li class=\"problem\">").append(String.join(" ", who)).append(who.isEmpty() ? "" : ": ")
          .append(esc(p.problem())).append("</li>\n");
    }
    h.append("</ul>\n");
    more(h, problems.total(), problems.items().size());
  }

  private static void more(StringBuilder h, long total, int listed) {
    if (total > listed) {
      h.append("<p class=\"more\">... and ").append(total - listed).append(" more.</p>\n");
    }
  }

  private static String time(Instant t) {
    return t == null ? "-" : "<time datetime=\"" + t + "\">" + TIME.format(t) + "</time>";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String label(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Text made safe for HTML content and quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '&' -> "&amp;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** An id as one URL path segment: anything but letters, digits and {@code -._~} percent-encoded. */
  private static String pathSegment(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        b.append(c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
