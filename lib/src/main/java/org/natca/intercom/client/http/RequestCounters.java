package org.natca.intercom.client.http;

import java.util.concurrent.atomic.AtomicLong;
import org.natca.intercom.client.http.RequestStats;

/** Counts what the client does, from any number of threads. */
public final class RequestCounters {

  private final AtomicLong total = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rateLimitWaits = new AtomicLong();
  private final AtomicLong waitedMillis = new AtomicLong();

  void sent(RequestKind kind) {
    total.incrementAndGet();
    if (kind.isWrite()) {
      writes.incrementAndGet();
    }
  }

  void retried() {
    retries.incrementAndGet();
  }

  void rateLimitWait(long millis) {
    rateLimitWaits.incrementAndGet();
    waitedMillis.addAndGet(millis);
  }

  void backoffWait(long millis) {
    waitedMillis.addAndGet(millis);
  }

  public RequestStats snapshot() {
    return new RequestStats(
        total.get(), writes.get(), retries.get(), rateLimitWaits.get(), waitedMillis.get());
  }
}
