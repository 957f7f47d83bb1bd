package org.natca.intercom.app.cli;

import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.report.RunReport;

/** The end of every run command: summary on stdout, the JSON report when asked, the exit code. */
final class Reports {
  private Reports() {}

  static int finish(RunReport report, RunOptions options, Environment environment) {
    return finish(report, options, environment, "");
  }

  /** As {@link #finish(RunReport, RunOptions, Environment)}, with command-specific lines after the summary. */
  static int finish(RunReport report, RunOptions options, Environment environment, String moreSummary) {
    report.finish();
    report.put("memory", environment.heap().snapshot().asMap());
    environment.out().print(report.summary());
    environment.out().print(moreSummary);
    if (report.dryRun() && !report.actions().isEmpty()) {
      environment.out().println("Plan (" + report.actions().size() + " actions):");
      report.actions().stream().limit(200).forEach(a -> environment.out().println("  " + describe(a)));
      if (report.actions().size() > 200) {
        environment.out().println("  ... and " + (report.actions().size() - 200) + " more (see --report)");
      }
    }
    if (options.report != null) {
      report.writeJson(options.report);
      environment.out().println("report written to " + options.report);
    }
    environment.out().flush();
    return ExitCodes.forReport(report);
  }

  static String describe(RunReport.Action a) {
    StringBuilder sb = new StringBuilder(a.action().wire());
    if (a.memberNumber() != null) {
      sb.append(" member ").append(a.memberNumber());
    }
    if (a.contactId() != null) {
      sb.append(" contact ").append(a.contactId());
    }
    return sb.append(": ").append(a.reason()).toString();
  }
}
