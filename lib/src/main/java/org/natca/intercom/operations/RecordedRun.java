package org.natca.intercom.operations;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run being recorded: renews its heartbeat (and lease, when it holds the lock) until it ends. Either
 * part may be missing (history or lock unavailable): the run goes on regardless.
 */
public final class RecordedRun {
  private static final Logger log = LoggerFactory.getLogger(RecordedRun.class);

  private final RunStart start;
  private final RunHistory history;
  private final Long id;
  private final RunLock lock;
  private final String token;
  private final RunLock.Timings timings;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final AtomicBoolean lockLost = new AtomicBoolean();
  private final Clock clock;
  private ScheduledExecutorService heartbeat;

  RecordedRun(RunStart start, RunHistory history, Long id, RunLock lock, String token, RunLock.Timings timings, Clock clock) {
    this.start = start;
    this.clock = clock;
    this.history = history;
    this.id = id;
    this.lock = lock;
    this.token = token;
    this.timings = timings;
  }

  /** The run's id in the history, or null when it is not recorded. */
  public Long id() {
    return id;
  }

  public RunStart start() {
    return start;
  }

  /** Whether this run holds the run lock (not when it runs without, or lost it). */
  public boolean holdsLock() {
    return token != null && !lockLost.get();
  }

  RecordedRun startHeartbeat() {
    if (id == null && token == null) {
      return this;
    }
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "run-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = timings.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private void beat() {
    try {
      if (token != null && !lockLost.get() && !lock.renew(start.memberSchema(), token)) {
        lockLost.set(true);
        log.warn("the run lock was taken over by another run after this one could not renew it for {} s",
            timings.lease().toSeconds());
      }
      if (id != null) {
        history.heartbeat(id);
      }
    } catch (RuntimeException e) {
      warnOnce("could not renew the run's heartbeat", e);
    }
  }

  /** Stops renewing without recording an end or freeing the lock: what kill -9 leaves behind (tests). */
  void abandon() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
  }

  /** Records the end, stops the heartbeat and frees the lock. Never throws. */
  public void end(RunEnd end) {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      try {
        heartbeat.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (id != null) {
      try {
        history.finish(id, end, clock.instant());
      } catch (RuntimeException e) {
        warnOnce("could not record the end of the run in the run history", e);
      }
    }
    if (token != null && !lockLost.get()) {
      try {
        lock.release(start.memberSchema(), token);
      } catch (RuntimeException e) {
        log.warn("could not release the run lock ({}); it frees itself {} s after this run's last renewal",
            e.getMessage(), timings.lease().toSeconds());
      }
    }
  }

  private void warnOnce(String what, Exception e) {
    if (warned.compareAndSet(false, true)) {
      log.warn("{} ({}); the run goes on", what, e.getMessage());
    } else {
      log.debug("{} ({})", what, e.getMessage());
    }
  }
}
