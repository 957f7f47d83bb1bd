package org.natca.intercom.batch;

import org.natca.intercom.report.RunReport;

/** Archiving is the one destructive step: a plan that archives unusually many stops before any write. */
public final class ArchiveLimit {
  private ArchiveLimit() {}

  /**
   * Passes when {@code planned <= limit}; otherwise a dry run gets {@code dryRunWarning} as a warning and
   * a real run stops with {@link SafetyLimitException} ({@code stop}, which says how to proceed).
   */
  public static void check(long planned, long limit, boolean dryRun, RunReport report, String stop, String dryRunWarning) {
    if (planned <= limit) {
      return;
    }
    if (dryRun) {
      report.warn(dryRunWarning);
      return;
    }
    throw new SafetyLimitException(stop);
  }
}
