package org.natca.intercom.operations;

import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.member.MemberDatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the recording of a run of daily-sync, audit or manual-update: the run lock for a writing run,
 * then its row in the run history, kept alive by a heartbeat until {@link RecordedRun#end}.
 *
 * <p>Recording never stops a run: when the history cannot be written (database down, no right to
 * create schema {@code intercom_sync}) the run goes on and a warning says so once. The lock is the
 * one thing that stops a run, and only when another live run holds it.
 */
public final class RunRecorder {
  private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

  private final DataSource dataSource;
  private final Clock clock;
  private final RunLock.Timings timings;

  public RunRecorder(DataSource dataSource, Clock clock, RunLock.Timings timings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timings = Objects.requireNonNull(timings, "timings");
  }

  /**
   * Takes the lock (writing runs only) and records the start.
   *
   * @throws RunLockRefusedException when another live run holds the lock; the refusal is recorded
   */
  public RecordedRun begin(RunStart start) {
    RunHistory history = new RunHistory(dataSource);
    RunLock lock = new RunLock(dataSource, timings);
    try {
      OperationsSchema.migrate(dataSource);
      history.prune(clock.instant().minus(RunHistory.RETENTION));
    } catch (MemberDatabaseException e) {
      log.warn("run history and run lock unavailable ({}); the run goes on without them", e.getMessage());
      return new RecordedRun(start, null, null, null, null, timings, clock);
    }
    String token = null;
    if (start.writes()) {
      try {
        RunLock.Attempt attempt = lock.acquire(start);
        if (attempt instanceof RunLock.Attempt.Held held) {
          RunLockRefusedException refused = new RunLockRefusedException(held.holder());
          try {
            history.refused(start, clock.instant(), 3, refused.getMessage());
          } catch (MemberDatabaseException e) {
            log.warn("the refused run could not be recorded in the run history ({})", e.getMessage());
          }
          throw refused;
        }
        RunLock.Attempt.Acquired acquired = (RunLock.Attempt.Acquired) attempt;
        token = acquired.token();
        LockHolder previous = acquired.previous();
        if (previous != null && !(previous.host().equals(start.host()) && previous.pid() == start.pid())) {
          log.warn("took over the run lock of {}: it had not renewed it since {} (killed?)", previous.describe(), previous.heartbeatAt());
        }
      } catch (MemberDatabaseException e) {
        log.warn("run lock unavailable ({}); the run goes on without it", e.getMessage());
      }
    }
    Long id = null;
    try {
      id = history.start(start, clock.instant());
    } catch (MemberDatabaseException e) {
      log.warn("run not recorded in the run history ({}); the run goes on", e.getMessage());
    }
    return new RecordedRun(start, history, id, token == null ? null : lock, token, timings, clock).startHeartbeat();
  }
}
