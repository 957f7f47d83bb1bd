package org.natca.intercom.client;

import org.natca.intercom.client.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records what it was asked to wait and moves the fake clock on by that much, at once. */
public final class RecordingSleeper implements Sleeper {

  private final FakeClock clock;
  private final List<Duration> waits = new ArrayList<>();

  public RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration d) {
    waits.add(d);
    clock.advance(d);
  }

  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
