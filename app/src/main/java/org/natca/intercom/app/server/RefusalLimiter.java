package org.natca.intercom.app.server;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.natca.intercom.webhook.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused requests per client address, in windows of fixed length. An address refused more than
 * {@code limit} times in a window is limited (answered 429 without a look at what it sent) until the
 * window ends. Logging stays small whatever the flood: the first refusal of an address in a window is
 * one line, the rest are counted and reported by {@link #summarise()} in one line per window.
 */
final class RefusalLimiter {
  private static final Logger log = LoggerFactory.getLogger(RefusalLimiter.class);
  /** Addresses remembered in one window; beyond that, new ones share one count (and one limit). */
  static final int MAX_ADDRESSES = 10_000;
  private static final String OTHERS = "(other addresses)";

  private final String what;
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, int[]> counts = new HashMap<>();
  private long windowStartMillis;
  private long refusedInWindow;
  private long limitedInWindow;

  /** @param what what is refused, for the log lines ("lookup") */
  RefusalLimiter(String what, int limit, Duration window, Clock clock) {
    this.what = what;
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.windowStartMillis = clock.millis();
  }

  Duration window() {
    return window;
  }

  /** True while {@code address} has had more than the limit of refusals in this window (counted as limited). */
  synchronized boolean isLimited(String address) {
    roll();
    int[] c = counts.get(key(address));
    if (c != null && c[0] >= limit) {
      c[1]++;
      limitedInWindow++;
      return true;
    }
    return false;
  }

  /** One refusal of {@code address} for {@code why}. */
  synchronized void refused(String address, String why) {
    roll();
    int[] c = counts.computeIfAbsent(key(address), k -> new int[2]);
    c[0]++;
    refusedInWindow++;
    if (c[0] == 1) {
      log.warn("{} refused: {} (from {}); more refusals from there are counted, reported once a minute,"
          + " and after {} the address waits {} s", what, why, LogText.clean(address), limit, window.toSeconds());
    }
  }

  /** Reports the window that ended (if anything was refused in it) and starts the next one. */
  synchronized void summarise() {
    long now = clock.millis();
    if (now - windowStartMillis >= window.toMillis()) {
      report();
      reset(now);
    }
  }

  private void roll() {
    summarise();
  }

  private String key(String address) {
    return counts.containsKey(address) || counts.size() < MAX_ADDRESSES ? address : OTHERS;
  }

  private void report() {
    if (refusedInWindow <= counts.size() && limitedInWindow == 0) {
      return; // nothing beyond the first-refusal lines already written
    }
    String top = null;
    int topCount = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int n = e.getValue()[0] + e.getValue()[1];
      if (n > topCount) {
        top = e.getKey();
        topCount = n;
      }
    }
    log.warn("{} refused {} times in the last {} s from {} addresses, {} more answered 429 (limited); most from {} ({})",
        what, refusedInWindow, window.toSeconds(), counts.size(), limitedInWindow, LogText.clean(top), topCount);
  }

  private void reset(long now) {
    counts.clear();
    refusedInWindow = 0;
    limitedInWindow = 0;
    windowStartMillis = now;
  }
}
