package org.natca.intercom.client;

import org.natca.intercom.client.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time for several worker threads: it stands still while any worker is busy and jumps to the earliest
 * wake-up once all of them sleep. So no request is ever in flight while the clock moves, and a server
 * reading this clock sees every request in the window it was granted in.
 */
public final class SimulatedTime extends Clock implements Sleeper {

  private long now;
  private int workers;
  private final List<Long> wakeUps = new ArrayList<>();

  public SimulatedTime(Instant start) {
    this.now = start.toEpochMilli();
  }

  /** Called by a worker before it starts. */
  public synchronized void join() {
    workers++;
  }

  /** Called by a worker when it is done (in a finally block). */
  public synchronized void leave() {
    workers--;
    advanceIfAllAsleep();
  }

  @Override
  public synchronized void sleep(Duration d) throws InterruptedException {
    long target = now + d.toMillis();
    wakeUps.add(target);
    try {
      advanceIfAllAsleep();
      while (now < target) {
        wait();
      }
    } finally {
      wakeUps.remove(Long.valueOf(target));
    }
  }

  private void advanceIfAllAsleep() {
    if (workers > 0 && wakeUps.size() >= workers) {
      long earliest = Collections.min(wakeUps);
      if (earliest > now) {
        now = earliest;
        notifyAll();
      }
    }
  }

  @Override
  public synchronized long millis() {
    return now;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
