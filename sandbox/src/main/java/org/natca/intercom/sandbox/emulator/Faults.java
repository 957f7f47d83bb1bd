package org.natca.intercom.sandbox.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults armed by a test for the next requests, whatever they are, taken in arrival order. */
final class Faults {
  private final ConcurrentLinkedQueue<Integer> failStatuses = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Duration> slowdowns = new ConcurrentLinkedQueue<>();
  private final AtomicInteger dropBefore = new AtomicInteger();
  private final AtomicInteger dropAfter = new AtomicInteger();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final ConcurrentLinkedQueue<Scoped> scoped = new ConcurrentLinkedQueue<>();

  /** Failures for requests of one method whose path starts with a prefix; {@code remaining} counts down. */
  private static final class Scoped {
    final String method;
    final String pathPrefix;
    final int status;
    final AtomicInteger remaining;

    Scoped(String method, String pathPrefix, int status, int count) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.pathPrefix = pathPrefix;
      this.status = status;
      this.remaining = new AtomicInteger(count);
    }
  }

  void failNext(int count, int status) {
    for (int i = 0; i < count; i++) {
      failStatuses.add(status);
    }
  }

  void slowNext(int count, Duration d) {
    for (int i = 0; i < count; i++) {
      slowdowns.add(d);
    }
  }

  void dropNext(int count) {
    dropBefore.addAndGet(count);
  }

  void dropNextAfterApplying(int count) {
    dropAfter.addAndGet(count);
  }

  void rateLimitNext(int count) {
    rateLimited.addAndGet(count);
  }

  void failMatching(String method, String pathPrefix, int count, int status) {
    scoped.add(new Scoped(method, pathPrefix, status, count));
  }

  /** The status of a scoped failure this request uses up, or null. */
  Integer takeScopedFailure(String method, String path) {
    for (Scoped f : scoped) {
      if (f.method.equals(method) && path.startsWith(f.pathPrefix) && takeOne(f.remaining)) {
        return f.status;
      }
    }
    return null;
  }

  Integer takeFailure() {
    return failStatuses.poll();
  }

  Duration takeSlowdown() {
    Duration d = slowdowns.poll();
    return d == null ? Duration.ZERO : d;
  }

  boolean takeDropBefore() {
    return takeOne(dropBefore);
  }

  boolean takeDropAfter() {
    return takeOne(dropAfter);
  }

  boolean takeRateLimit() {
    return takeOne(rateLimited);
  }

  void clear() {
    failStatuses.clear();
    slowdowns.clear();
    dropBefore.set(0);
    dropAfter.set(0);
    rateLimited.set(0);
    scoped.clear();
  }

  private static boolean takeOne(AtomicInteger counter) {
    while (true) {
      int n = counter.get();
      if (n <= 0) {
        return false;
      }
      if (counter.compareAndSet(n, n - 1)) {
        return true;
      }
    }
  }
}
