package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.natca.intercom.operations.status.StatusHtml.IntercomLinks;
import org.natca.intercom.sandbox.emulator.ManualClock;

/** The app id behind the status page's links: asked once, kept; a failure asked again a minute later; a slow answer never holds the page long. */
class IntercomAppIdTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T06:00:00Z"));
  final AtomicInteger asked = new AtomicInteger();

  @Test
  void known_isAskedOnce_andKept() {
    IntercomAppId id = new IntercomAppId(() -> {
      asked.incrementAndGet();
      return "app42";
    }, clock);

    assertEquals(IntercomLinks.to("app42"), id.links());
    assertEquals(IntercomLinks.to("app42"), id.links());
    assertEquals(1, asked.get());
  }

  @Test
  void failure_noLinksSayingWhy_askedAgainOnlyAfterAMinute() {
    IntercomAppId id = new IntercomAppId(() -> {
      if (asked.incrementAndGet() == 1) {
        throw new IllegalStateException("GET /me -> 500 server_error");
      }
      return "app42";
    }, clock);

    IntercomLinks first = id.links();
    IntercomLinks soon = id.links();
    clock.advance(IntercomAppId.RETRY_AFTER);
    IntercomLinks later = id.links();

    assertNull(first.appId());
    assertTrue(first.missingBecause().startsWith("GET /me failed: GET /me -> 500 server_error"), first.missingBecause());
    assertNull(soon.appId());
    assertEquals(IntercomLinks.to("app42"), later);
    assertEquals(2, asked.get());
  }

  @Test
  void noAppInTheAnswer_saysSo() {
    IntercomLinks links = new IntercomAppId(() -> null, clock).links();

    assertNull(links.appId());
    assertTrue(links.missingBecause().contains("app.id_code is missing"), links.missingBecause());
  }

  @Test
  void slowIntercom_pageWaitsAtMostTheWait_thenTheLateAnswerIsUsed() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    IntercomAppId id = new IntercomAppId(() -> {
      asked.incrementAndGet();
      try {
        answer.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    }, clock);

    long started = System.nanoTime();
    IntercomLinks meanwhile = id.links();
    long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
    IntercomLinks again = id.links();
    answer.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    IntercomLinks after = id.links();
    while (after.appId() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
      after = id.links();
    }

    assertNull(meanwhile.appId());
    assertTrue(meanwhile.missingBecause().contains("has not answered"), meanwhile.missingBecause());
    assertTrue(waited >= IntercomAppId.WAIT.toMillis() - 50 && waited < IntercomAppId.WAIT.toMillis() + 2_000, waited + " ms");
    assertNull(again.appId());
    assertEquals(IntercomLinks.to("late"), after);
    assertEquals(1, asked.get(), "one question in flight at a time");
  }
}
