package org.natca.intercom.client.http;

import java.time.Duration;

/** How the client waits (rate limits, backoff); tests pass a fake that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration d) throws InterruptedException;

  /** Really sleeps the calling thread. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(d.toNanos());
      }
    };
  }
}
