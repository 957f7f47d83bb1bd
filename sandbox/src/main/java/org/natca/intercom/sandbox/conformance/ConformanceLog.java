package org.natca.intercom.sandbox.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The violations of every emulator in this JVM that no test has claimed yet, and the one thread that
 * checks exchanges (off the emulator's request threads, so checking adds no latency to an answer).
 *
 * <p>JVM-wide on purpose: {@link ConformanceExtension}, registered for every test of every module,
 * must see the emulators a test starts however it starts them, and fail that test when they saw a
 * violation. A test that provokes one on purpose claims it with {@code IntercomEmulator.takeViolations()}.
 */
public final class ConformanceLog {
  private static final ExecutorService CHECKER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "intercom-conformance");
    t.setDaemon(true);
    return t;
  });
  private static final List<Violation> UNCLAIMED = new ArrayList<>();
  private static final List<String> UNCHECKED = new ArrayList<>();
  private static volatile boolean extensionActive;

  private ConformanceLog() {}

  static void submit(Runnable check) {
    CHECKER.execute(check);
  }

  static void add(Violation v) {
    synchronized (UNCLAIMED) {
      UNCLAIMED.add(v);
    }
  }

  /** An emulator started with checks off (benchmarks only): under the test suite, that is a failure in itself. */
  public static void uncheckedEmulator(String description) {
    synchronized (UNCLAIMED) {
      UNCHECKED.add(description);
    }
  }

  /** Waits until every exchange submitted so far is checked. */
  public static void await() {
    try {
      CHECKER.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the conformance checks", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Waits for pending checks, then takes every unclaimed violation (and emulator without checks). */
  public static List<String> drain() {
    await();
    synchronized (UNCLAIMED) {
      List<String> out = new ArrayList<>();
      for (String u : UNCHECKED) {
        out.add("an Intercom emulator ran without conformance checks: " + u);
      }
      for (Violation v : UNCLAIMED) {
        out.add(v.toString());
      }
      UNCHECKED.clear();
      UNCLAIMED.clear();
      return out;
    }
  }

  /** Removes these violations from the unclaimed ones (a test provoked them on purpose). */
  static void claim(List<Violation> violations) {
    synchronized (UNCLAIMED) {
      UNCLAIMED.removeAll(violations);
    }
  }

  static void markExtensionActive() {
    extensionActive = true;
  }

  /** True once {@link ConformanceExtension} has run in this JVM: the suite's tests are being checked. */
  public static boolean extensionActive() {
    return extensionActive;
  }
}
