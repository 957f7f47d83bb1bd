package org.natca.intercom.sandbox.emulator;

import java.time.Clock;

/**
 * Intercom's limiter: the per-minute budget is handed out in 10-second windows aligned to the wall clock,
 * a sixth (rounded up) each. Answers carry the window's allowance, what is left and when it refills.
 */
final class RateLimiter {
  private static final long WINDOW_MILLIS = 10_000;
  private final Clock clock;
  private final int perWindow;
  private long window = Long.MIN_VALUE;
  private int used;

  RateLimiter(Clock clock, int perWindow) {
    this.clock = clock;
    this.perWindow = perWindow;
  }

  /** The numbers an answer reports, after (optionally) taking one request from the window. */
  record Verdict(boolean allowed, int limit, int remaining, long resetEpochSecond) {}

  synchronized Verdict take() {
    roll();
    boolean allowed = used < perWindow;
    if (allowed) {
      used++;
    }
    return verdict(allowed);
  }

  synchronized Verdict peek() {
    roll();
    return verdict(used < perWindow);
  }

  /** A forced 429: reports an empty window without using it up, so exactly the armed requests fail. */
  synchronized Verdict forced() {
    roll();
    return new Verdict(false, perWindow, 0, (window + 1) * WINDOW_MILLIS / 1000);
  }

  private Verdict verdict(boolean allowed) {
    return new Verdict(allowed, perWindow, Math.max(0, perWindow - used), (window + 1) * WINDOW_MILLIS / 1000);
  }

  private void roll() {
    long now = Math.floorDiv(clock.millis(), WINDOW_MILLIS);
    if (now != window) {
      window = now;
      used = 0;
    }
  }
}
