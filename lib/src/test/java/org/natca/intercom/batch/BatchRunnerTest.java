package org.natca.intercom.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;

/** The one runner of batch commands: failures counted per unit, and the three reasons a run stops. */
class BatchRunnerTest {
  RunReport report = new RunReport("test", false, Clock.systemUTC());
  AtomicInteger ran = new AtomicInteger();

  static BatchRunner.Settings settings(int concurrency, int streak) {
    return new BatchRunner.Settings(concurrency, 5, streak, "members", true, i -> "from unit " + i + " on: not attempted");
  }

  List<BatchRunner.Unit> units(int n, BatchRunner.Work work) {
    List<BatchRunner.Unit> units = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      units.add(new BatchRunner.Unit(i, "m" + i + "@example.org", null, out -> {
        ran.incrementAndGet();
        work.run(out);
      }));
    }
    return units;
  }

  static IntercomUnreachableException noAnswer() {
    return new IntercomUnreachableException("GET /contacts: no answer", new java.io.IOException("reset"));
  }

  @Test
  void aFailingUnit_isReported_andTheOthersGoOn() {
    new BatchRunner(settings(4, 10), () -> 0).run(units(20, out -> {
      if (out.memberNumber() == 7) {
        throw new IllegalStateException("bug");
      }
    }), report);

    assertEquals(20, ran.get());
    assertEquals(1, report.get(Total.FAILED));
    assertEquals(7, report.errors().get(0).memberNumber());
    assertNull(report.abortReason());
  }

  @Test
  void tenUnitsInARowWithoutAnAnswer_stopTheRun() {
    new BatchRunner(settings(1, 10), () -> 0).run(units(30, out -> {
      throw noAnswer();
    }), report);

    assertEquals(10, ran.get());
    assertTrue(report.abortReason().startsWith("Intercom stopped answering (10 members in a row failed)"), report.abortReason());
    assertEquals(List.of("from unit 10 on: not attempted"), report.warnings());
  }

  @Test
  void anAnswerBetweenLostOnes_resetsTheStreak() {
    new BatchRunner(settings(1, 3), () -> 0).run(units(10, out -> {
      if (out.memberNumber() % 2 == 0) {
        throw noAnswer();
      }
    }), report);

    assertEquals(10, ran.get());
    assertNull(report.abortReason());
    assertEquals(5, report.get(Total.FAILED));
  }

  @Test
  void aRefusedToken_stopsTheRun() {
    new BatchRunner(settings(1, 10), () -> 0).run(units(10, out -> {
      throw new IntercomException("Access Token Invalid", 401, "req-1", List.of());
    }), report);

    assertEquals(1, ran.get());
    assertTrue(report.abortReason().startsWith("Intercom refused the access token"), report.abortReason());
  }

  @Test
  void aStopRun_stopsTheRunWithItsMessage() {
    new BatchRunner(settings(1, 10), () -> 0).run(units(10, out -> {
      throw new StopRun("the journal could not record contact c1", null);
    }), report);

    assertEquals(1, ran.get());
    assertEquals("the journal could not record contact c1", report.abortReason());
  }

  @Test
  void theArchiveLimit_warnsADryRun_andStopsARealOne() {
    ArchiveLimit.check(11, 10, true, report, "stop", "would stop");
    assertEquals(List.of("would stop"), report.warnings());
    org.junit.jupiter.api.Assertions.assertThrows(SafetyLimitException.class,
        () -> ArchiveLimit.check(11, 10, false, report, "stop", "would stop"));
    ArchiveLimit.check(10, 10, false, report, "stop", "would stop");
  }
}
