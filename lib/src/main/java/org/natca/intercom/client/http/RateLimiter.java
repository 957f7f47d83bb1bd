package org.natca.intercom.client.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.natca.intercom.client.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out permission to send, shared by every thread of one client. Three limits apply, and a
 * caller waits (through the injected {@link Sleeper}, never while holding the lock) until all agree:
 *
 * <ol>
 *   <li>Our own budget: {@code maxRequestsPerMinute / 6} a 10-second window, windows aligned to the
 *       clock's 10 s boundaries as Intercom's are; and never more than {@code maxRequestsPerMinute} in
 *       any 60 seconds, sliding (aligned windows alone would let a burst at the end of one window
 *       and full windows after it exceed the budget within a minute).
 *   <li>Intercom's word: once a response says {@code X-RateLimit-Remaining}, we send no more than that
 *       (less what went out meanwhile) before {@code X-RateLimit-Reset}.
 *   <li>After a 429: nobody sends until the reset the 429 named.
 * </ol>
 *
 * A window's permits go out as fast as callers ask, so a busy client uses nearly all of its budget.
 * A request still on its way when a window ends may reach Intercom in the next one, so it is charged
 * to the next window as well: the budget then holds as Intercom counts, not only as we do.
 */
public final class RateLimiter {

  static final long WINDOW_MILLIS = 10_000;
  // A reset further away than this means our clock and Intercom's disagree; never stall longer.
  static final long MAX_SERVER_WAIT_MILLIS = 60_000;

  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

  // a second more than a minute: requests granted a minute apart can arrive closer together
  static final long MINUTE_MILLIS = 61_000;

  private final int perWindow;
  // grant times of the last maxRequestsPerMinute requests, a ring: the sliding minute
  private final long[] recent;
  private int recentHead;
  private int recentSize;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RequestCounters counters;

  // All guarded by this.
  private long windowStart = Long.MIN_VALUE;
  private int usedInWindow;
  private int inFlightThisWindow;
  private int inFlightEarlier;
  private long granted;
  private long serverResetMillis; // 0: nothing known
  private long serverRemaining;
  private long pausedUntilMillis;

  public RateLimiter(int maxRequestsPerMinute, Clock clock, Sleeper sleeper, RequestCounters counters) {
    if (maxRequestsPerMinute < 1) {
      throw new IllegalArgumentException("maxRequestsPerMinute must be at least 1");
    }
    this.perWindow = Math.max(1, maxRequestsPerMinute / 6);
    this.recent = new long[maxRequestsPerMinute];
    this.clock = clock;
    this.sleeper = sleeper;
    this.counters = counters;
  }

  /** Requests this limiter lets out in one 10-second window. */
  public int perWindow() {
    return perWindow;
  }

  /** Permission to send one request; hand it back with {@link #release} once the answer is in. */
  public record Permit(long sequence, long windowStart) {}

  /** Waits until a request may be sent. */
  public Permit acquire() throws InterruptedException {
    while (true) {
      long wait;
      synchronized (this) {
        long now = clock.millis();
        wait = waitMillis(now);
        if (wait <= 0) {
          usedInWindow++;
          inFlightThisWindow++;
          remember(now);
          if (serverResetMillis != 0) {
            serverRemaining--;
          }
          return new Permit(granted++, windowStart);
        }
      }
      log.debug("Request budget used up; waiting {} ms", wait);
      counters.rateLimitWait(wait);
      sleeper.sleep(Duration.ofMillis(wait));
    }
  }

  private long waitMillis(long now) {
    if (pausedUntilMillis > now) {
      return pausedUntilMillis - now;
    }
    if (serverResetMillis != 0 && now >= serverResetMillis) {
      serverResetMillis = 0; // Intercom's window has refilled; what it told us is stale
    }
    if (serverResetMillis != 0 && serverRemaining <= 0) {
      return serverResetMillis - now;
    }
    roll(now);
    if (usedInWindow >= perWindow) {
      return windowStart + WINDOW_MILLIS - now;
    }
    if (recentSize == recent.length) {
      long oldest = recent[recentHead];
      if (now - oldest < MINUTE_MILLIS) {
        return oldest + MINUTE_MILLIS - now;
      }
    }
    return 0;
  }

  private void remember(long now) {
    if (recentSize < recent.length) {
      recent[(recentHead + recentSize) % recent.length] = now;
      recentSize++;
    } else {
      recent[recentHead] = now;
      recentHead = (recentHead + 1) % recent.length;
    }
  }

  private void roll(long now) {
    long start = now - Math.floorMod(now, WINDOW_MILLIS);
    if (start != windowStart) {
      windowStart = start;
      inFlightEarlier += inFlightThisWindow;
      inFlightThisWindow = 0;
      usedInWindow = inFlightEarlier;
    }
  }

  /** The request sent under {@code permit} has its answer (or has failed). */
  public synchronized void release(Permit permit) {
    roll(clock.millis());
    if (permit.windowStart() == windowStart) {
      inFlightThisWindow--;
    } else {
      inFlightEarlier--;
    }
  }

  /**
   * Learns from a response's rate-limit headers (either may be null). Requests granted after
   * {@code permit} may not have been counted by Intercom yet, so they are taken off what it says is left.
   */
  public synchronized void observe(Permit permit, Long remaining, Long resetEpochSeconds) {
    if (remaining == null) {
      return;
    }
    long now = clock.millis();
    long reset = resetEpochSeconds != null ? resetEpochSeconds * 1000 : nextWindow(now);
    if (reset <= now) {
      return; // describes a window that is already over
    }
    reset = Math.min(reset, now + MAX_SERVER_WAIT_MILLIS);
    if (serverResetMillis == 0 || reset >= serverResetMillis) {
      serverResetMillis = reset;
      serverRemaining = remaining - (granted - permit.sequence() - 1);
    }
  }

  /**
   * After a 429: stops every caller until the limit resets, taken from {@code X-RateLimit-Reset}, else
   * {@code Retry-After}, else the next 10-second window. Returns that moment.
   */
  public synchronized Instant pauseAfterRateLimit(Long resetEpochSeconds, Long retryAfterSeconds) {
    long now = clock.millis();
    long until;
    if (resetEpochSeconds != null && resetEpochSeconds * 1000 > now) {
      until = resetEpochSeconds * 1000;
    } else if (retryAfterSeconds != null && retryAfterSeconds > 0) {
      until = now + retryAfterSeconds * 1000;
    } else {
      until = nextWindow(now);
    }
    until = Math.min(until, now + MAX_SERVER_WAIT_MILLIS);
    pausedUntilMillis = Math.max(pausedUntilMillis, until);
    return Instant.ofEpochMilli(until);
  }

  private static long nextWindow(long now) {
    return now - Math.floorMod(now, WINDOW_MILLIS) + WINDOW_MILLIS;
  }
}
