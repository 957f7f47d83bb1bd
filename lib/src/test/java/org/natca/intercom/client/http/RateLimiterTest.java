package org.natca.intercom.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.client.RecordingSleeper;

class RateLimiterTest {

  private static final Instant WINDOW = Instant.parse("2025-03-01T12:00:00Z");

  private final FakeClock clock = new FakeClock(WINDOW.plusMillis(2_000));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final RequestCounters counters = new RequestCounters();

  @ParameterizedTest(name = "{0}/min -> {1} a window")
  @CsvSource({"1000, 166", "10000, 1666", "25000, 4166", "6, 1", "60, 10", "120, 20"})
  void perWindow_isASixthOfTheBudget_roundedDown(int perMinute, int perWindow) {
    assertEquals(perWindow, new RateLimiter(perMinute, clock, sleeper, counters).perWindow());
  }

  @Test
  void anySixtySeconds_stayWithinTheBudget_evenAfterABurstAtAWindowsEnd() throws Exception {
    clock.set(WINDOW.plusMillis(9_500)); // half a second before a window ends
    RateLimiter limiter = new RateLimiter(60, clock, sleeper, counters);
    java.util.List<Long> grants = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      limiter.release(limiter.acquire());
      grants.add(clock.millis());
    }
    for (int i = 0; i < grants.size(); i++) {
      long end = grants.get(i);
      long inMinute = grants.stream().filter(t -> t > end - 60_000 && t <= end).count();
      assertTrue(inMinute <= 60, "grants in the minute up to " + end + ": " + inMinute);
    }
    long span = grants.get(grants.size() - 1) - grants.get(0);
    assertTrue(span < 5 * 60_000 + 10_000, "still uses the budget: 300 grants in " + span + " ms");
  }

  @Test
  void budgetBelowOneAMinute_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, clock, sleeper, counters));
  }

  @Test
  void windowsAreAlignedToTheClock_notToTheFirstRequest() throws Exception {
    RateLimiter limiter = new RateLimiter(60, clock, sleeper, counters);
    for (int i = 0; i < 10; i++) {
      limiter.release(limiter.acquire());
    }
    limiter.release(limiter.acquire());
    assertEquals(List.of(Duration.ofMillis(8_000)), sleeper.waits());
    for (int i = 0; i < 9; i++) {
      limiter.release(limiter.acquire());
    }
    limiter.release(limiter.acquire());
    assertEquals(List.of(Duration.ofMillis(8_000), Duration.ofMillis(10_000)), sleeper.waits());
    assertEquals(2, counters.snapshot().rateLimitWaits());
    assertEquals(18_000, counters.snapshot().waitedMillis());
  }

  @Test
  void serverRemaining_takesOffPermitsGrantedWhileTheAnswerWasUnderway() throws Exception {
    RateLimiter limiter = new RateLimiter(10_000, clock, sleeper, counters);
    RateLimiter.Permit first = limiter.acquire();
    limiter.acquire();
    limiter.acquire();
    // The first request's answer says 2 are left; the two sent since may not be counted in that yet.
    limiter.observe(first, 2L, WINDOW.getEpochSecond() + 10);
    limiter.acquire();
    assertEquals(List.of(Duration.ofMillis(8_000)), sleeper.waits());
  }

  @Test
  void olderWindowAnswers_doNotOverrideNewerOnes() throws Exception {
    RateLimiter limiter = new RateLimiter(10_000, clock, sleeper, counters);
    RateLimiter.Permit p = limiter.acquire();
    limiter.observe(p, 100L, WINDOW.getEpochSecond() + 10);
    RateLimiter.Permit q = limiter.acquire();
    limiter.observe(q, 0L, WINDOW.getEpochSecond() + 5); // a late answer about an earlier reset
    limiter.acquire();
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void requestStillInFlightAtTheWindowsEnd_isChargedToTheNextWindowToo() throws Exception {
    RateLimiter limiter = new RateLimiter(60, clock, sleeper, counters); // 10 a window
    RateLimiter.Permit slow = limiter.acquire();
    for (int i = 0; i < 9; i++) {
      limiter.release(limiter.acquire());
    }
    clock.set(WINDOW.plusSeconds(10));
    limiter.release(slow); // answered just after the boundary: Intercom may count it in this window
    for (int i = 0; i < 9; i++) {
      limiter.release(limiter.acquire());
    }
    assertTrue(sleeper.waits().isEmpty());
    limiter.acquire();
    assertEquals(List.of(Duration.ofMillis(10_000)), sleeper.waits());
  }

  @Test
  void requestsAnsweredWithinTheirWindow_areNotCarriedOver() throws Exception {
    RateLimiter limiter = new RateLimiter(60, clock, sleeper, counters);
    for (int i = 0; i < 10; i++) {
      limiter.release(limiter.acquire());
    }
    clock.set(WINDOW.plusSeconds(10));
    for (int i = 0; i < 10; i++) {
      limiter.release(limiter.acquire());
    }
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void pauseAfterRateLimit_holdsEveryCallerUntilTheReset() throws Exception {
    RateLimiter limiter = new RateLimiter(10_000, clock, sleeper, counters);
    Instant until = limiter.pauseAfterRateLimit(WINDOW.getEpochSecond() + 10, null);
    assertEquals(WINDOW.plusSeconds(10), until);
    limiter.acquire();
    assertEquals(List.of(Duration.ofMillis(8_000)), sleeper.waits());
    limiter.acquire();
    assertEquals(1, sleeper.waits().size(), "after the reset requests flow again");
  }
}
