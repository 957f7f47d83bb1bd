package org.natca.intercom.app.cli;

import java.nio.file.Path;
import org.natca.intercom.report.ReportFile;
import picocli.CommandLine.Option;

/** Options every run command shares. */
public final class RunOptions {
  @Option(names = "--dry-run", description = "Read everything, write nothing to Intercom, and report the exact plan.")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Write the run report as JSON to FILE (owner-only; its directory must exist).")
  Path report;

  @Option(names = "--verbose", description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  /** Before any work: a {@code --report} that could not be written is bad usage (exit 2), not a failed run. */
  void checkReportPath() {
    if (report != null) {
      ReportFile.check(report);
    }
  }
}
