package org.natca.intercom.app.cli;

import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.audit.JournalException;
import org.natca.intercom.client.error.InvalidClientSettingException;
import org.natca.intercom.config.ConfigException;
import org.natca.intercom.member.DatabaseSettingException;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.batch.SafetyLimitException;

/** The exit codes of CONTRACT.md, defined once, and the one place exceptions are mapped to them. */
public final class ExitCodes {
  /** All done. */
  public static final int OK = 0;
  /** Finished, but some items failed (they are in the report and are retried on the next run). */
  public static final int SOME_FAILED = 1;
  /** Bad usage, configuration or input file; nothing was written. */
  public static final int BAD_INPUT = 2;
  /** Could not reach or authenticate the database or Intercom, or a safety limit stopped the run. */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}

  public static int forReport(RunReport report) {
    if (report.aborted()) {
      return UNAVAILABLE;
    }
    return report.get(RunReport.Total.FAILED) > 0 ? SOME_FAILED : OK;
  }

  /**
   * A run that ended with an exception. Intercom refusing or failing on a whole run (bad token, host
   * down, rate limit that never lifts, 5xx after retries) means Intercom could not be used: 3.
   * Anything unexpected is a bug and counts as a failed run: 1.
   */
  public static int forException(Throwable e) {
    if (isBadInput(e)) {
      return BAD_INPUT;
    }
    if (e instanceof MemberDatabaseException || e instanceof IntercomException || e instanceof SafetyLimitException) {
      return UNAVAILABLE;
    }
    return SOME_FAILED;
  }

  /** Bad configuration or input, as each library package says it: nothing was written. */
  private static boolean isBadInput(Throwable e) {
    return e instanceof ConfigException || e instanceof InvalidClientSettingException
        || e instanceof DatabaseSettingException || e instanceof JournalException;
  }

  /** One line for the operator: what failed, without a stack trace. */
  public static String describe(Throwable e) {
    if (isBadInput(e)) {
      return "error: " + e.getMessage();
    }
    if (e instanceof MemberDatabaseException) {
      return "error: member database: " + e.getMessage();
    }
    if (e instanceof IntercomException) {
      return "error: Intercom: " + e.getMessage();
    }
    if (e instanceof SafetyLimitException) {
      return "stopped: " + e.getMessage();
    }
    return "error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (run with --verbose for the stack trace)";
  }
}
