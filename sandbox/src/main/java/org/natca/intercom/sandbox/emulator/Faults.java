package org.natca.intercom.sandbox.emulator;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults armed by a test for the next requests, whatever they are, taken in arrival order. */
final class Faults {
  private final ConcurrentLinkedQueue<Integer> failStatuses = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Duration> slowdowns = new ConcurrentLinkedQueue<>();
  private final AtomicInteger dropBefore = new AtomicInteger();
  private final AtomicInteger dropAfter = new AtomicInteger();
  private final AtomicInteger rateLimited = new AtomicInteger();

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
