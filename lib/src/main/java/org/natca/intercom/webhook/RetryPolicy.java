package org.natca.intercom.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failing event is tried and how long to wait in between: {@code firstDelay} after the
 * first failure, multiplied by {@code factor} after each further one, at most {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, int factor, Duration maxDelay) {

  /** 5 attempts over about 7 minutes: 5 s, 30 s, 3 min, 3 min: a blip passes, an outage is reported. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(5), 6, Duration.ofMinutes(3));
  }

  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be at least 1, got " + factor);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
    }
  }

  /** The wait after failed attempt {@code attempt} (1 for the first). */
  public Duration delayAfter(int attempt) {
    Duration d = firstDelay;
    for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(factor);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  public boolean isLast(int attempt) {
    return attempt >= maxAttempts;
  }
}
