package org.natca.intercom.sandbox.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One emulator's side of the conformance checks: every exchange is checked (asynchronously, in order)
 * against the description of its API version; a violation is kept here and in {@link ConformanceLog}
 * until a test claims it.
 */
public final class Conformance {
  private final String emulator;
  private final ConformanceCheck check;
  private final List<Violation> seen = new ArrayList<>();
  private final List<Violation> unclaimed = new ArrayList<>();

  /** @param emulator names the emulator in violations (its base URL) */
  public Conformance(String emulator, String defaultVersion) {
    this.emulator = emulator;
    this.check = new ConformanceCheck(defaultVersion);
  }

  /** Queues the exchange for checking; returns at once. */
  public void record(Exchange e) {
    ConformanceLog.submit(() -> {
      List<String> problems;
      try {
        problems = check.problems(e);
      } catch (RuntimeException failure) {
        problems = List.of("the check itself failed: " + failure);
      }
      if (!problems.isEmpty()) {
        Violation v = new Violation(emulator, check.versionOf(e), e.method(), e.path(), e.query(), e.status(),
            problems, e.requestBody(), e.responseBody());
        synchronized (this) {
          seen.add(v);
          unclaimed.add(v);
        }
        ConformanceLog.add(v);
      }
    });
  }

  /** Every violation so far, claimed or not (waits for pending checks). */
  public List<Violation> violations() {
    ConformanceLog.await();
    synchronized (this) {
      return List.copyOf(seen);
    }
  }

  /** The violations not claimed yet, now claimed: the test that provoked them on purpose asserts on them. */
  public List<Violation> take() {
    ConformanceLog.await();
    List<Violation> out;
    synchronized (this) {
      out = new ArrayList<>(unclaimed);
      unclaimed.clear();
    }
    ConformanceLog.claim(out);
    return out;
  }
}
