package org.natca.intercom.app.operations;

import org.natca.intercom.config.Config;
import org.natca.intercom.report.RunReport;

/**
 * What a command tells the run recording, at the two moments every run command shares: when it opens
 * its components (its input is valid; from here on it may write) and when its report is final.
 */
public interface RunObserver {
  /** Nothing is recorded (tests of a single component, picocli's own help). */
  RunObserver NONE = new RunObserver() {
    @Override
    public void opening(Config config) {}

    @Override
    public void finished(RunReport report) {}
  };

  /**
   * The command is about to use the database or Intercom. A writing run takes the run lock here.
   *
   * @throws org.natca.intercom.operations.RunLockRefusedException when another run holds the lock
   */
  void opening(Config config);

  /** The run's report is final (summary printed next). */
  void finished(RunReport report);
}
