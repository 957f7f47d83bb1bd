package org.natca.intercom.client.http;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with jitter: the n-th failure waits between half and all of
 * {@code initial * 2^(n-1)}, capped at {@code max}. The jitter keeps many threads that failed together
 * from coming back together.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final Random random;

  public Backoff(Duration initial, Duration max, Random random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The wait before retry number {@code failure} (1 for the first). */
  public Duration delay(int failure) {
    int shift = Math.min(Math.max(failure, 1) - 1, 30);
    long ceiling = Math.min(maxMillis, initialMillis << shift);
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
  }
}
