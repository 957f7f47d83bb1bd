package org.natca.intercom.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every run command shares. */
public final class RunOptions {
  @Option(names = "--dry-run", description = "Read everything, write nothing to Intercom, and report the exact plan.")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the run report as JSON to FILE.")
  Path report;

  @Option(names = "--verbose", description = "Debug logging, and stack traces on errors.")
  boolean verbose;
}
