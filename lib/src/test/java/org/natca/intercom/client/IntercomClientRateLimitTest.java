package org.natca.intercom.client;

import org.natca.intercom.client.http.RequestStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.error.IntercomRateLimitException;
import org.natca.intercom.client.model.ContactDraft;

/** 429 handling, Intercom's rate-limit headers and our own per-window budget, on a fake clock. */
class IntercomClientRateLimitTest {

  /** 12:00:00 UTC is on a 10-second boundary. */
  private static final Instant WINDOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final long WINDOW_SECONDS = WINDOW.getEpochSecond();

  private final MockWebServer server = new MockWebServer();
  private FakeClock clock;
  private RecordingSleeper sleeper;
  private IntercomClient client;

  @BeforeEach
  void start() throws Exception {
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
    clock = new FakeClock(WINDOW.plusMillis(3_500));
    sleeper = new RecordingSleeper(clock);
    client = builder().build();
  }

  private IntercomClient.Builder builder() {
    return IntercomClient.builder()
        .baseUrl(server.url("/").toString())
        .accessToken("tok")
        .clock(clock)
        .sleeper(sleeper)
        .random(new FixedRandom(0.5));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static MockResponse tooMany(Long resetEpochSeconds, String retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .body(Json.q("{'type':'error.list','request_id':'r429','errors':[{'code':'rate_limit_exceeded',"
            + "'message':'Exceeded rate limit of 167 in 10_seconds'}]}"));
    if (resetEpochSeconds != null) {
      b.addHeader("X-RateLimit-Limit", "167").addHeader("X-RateLimit-Remaining", "0")
          .addHeader("X-RateLimit-Reset", String.valueOf(resetEpochSeconds));
    }
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  private static MockResponse admin(Long remaining, Long reset) {
    MockResponse.Builder b = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(Json.q("{'type':'admin','id':'1'}"));
    if (remaining != null) {
      b.addHeader("X-RateLimit-Remaining", String.valueOf(remaining));
    }
    if (reset != null) {
      b.addHeader("X-RateLimit-Reset", String.valueOf(reset));
    }
    return b.build();
  }

  @Test
  void on429_waitsUntilTheResetIntercomNamed_thenRetries() {
    server.enqueue(tooMany(WINDOW_SECONDS + 10, null));
    server.enqueue(admin(null, null));

    client.me();

    assertEquals(List.of(Duration.ofMillis(6_500)), sleeper.waits(), "reset minus now");
    assertEquals(2, server.getRequestCount());
    RequestStats s = client.stats();
    assertEquals(1, s.rateLimitWaits());
    assertEquals(6_500, s.waitedMillis());
    assertEquals(1, s.retries());
    assertEquals(2, s.total());
  }

  @Test
  void on429_withRetryAfterOnly_waitsThatManySeconds() {
    server.enqueue(tooMany(null, "3"));
    server.enqueue(admin(null, null));
    client.me();
    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits());
  }

  @Test
  void on429_withNoHint_waitsForTheNextWindow() {
    clock.set(WINDOW.plusMillis(7_250));
    server.enqueue(tooMany(null, null));
    server.enqueue(admin(null, null));
    client.me();
    assertEquals(List.of(Duration.ofMillis(2_750)), sleeper.waits());
  }

  @Test
  void on429_aResetInThePast_fallsBackToRetryAfter() {
    server.enqueue(tooMany(WINDOW_SECONDS - 5, "2"));
    server.enqueue(admin(null, null));
    client.me();
    assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits());
  }

  @Test
  void on429_aResetFarAway_isCappedAtAMinute() {
    server.enqueue(tooMany(WINDOW_SECONDS + 3_600, null));
    server.enqueue(admin(null, null));
    client.me();
    assertEquals(List.of(Duration.ofMinutes(1)), sleeper.waits());
  }

  @Test
  void on429_everyTime_givesUpAfterTheAllowedWaits_withTheResetTime() {
    client.close();
    client = builder().maxRateLimitWaits(2).build();
    server.enqueue(tooMany(WINDOW_SECONDS + 10, null));
    server.enqueue(tooMany(WINDOW_SECONDS + 20, null));
    server.enqueue(tooMany(WINDOW_SECONDS + 30, null));
    server.enqueue(admin(null, null));

    IntercomRateLimitException e = assertThrows(IntercomRateLimitException.class,
        () -> client.createContact(new ContactDraft("user", "a@example.org", "1", null, null, null)));

    assertEquals(429, e.status());
    assertEquals("rate_limit_exceeded", e.code());
    assertEquals("r429", e.requestId());
    assertEquals(Instant.ofEpochSecond(WINDOW_SECONDS + 30), e.resetAt());
    assertTrue(e.getMessage().startsWith("POST /contacts -> 429 rate_limit_exceeded: Exceeded rate limit"),
        e.getMessage());
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(6_500), Duration.ofSeconds(10)), sleeper.waits());
  }

  @Test
  void serverRemainingZero_nextRequestWaitsForTheReset() {
    clock.set(WINDOW.plusMillis(500));
    server.enqueue(admin(0L, WINDOW_SECONDS + 4));
    server.enqueue(admin(null, null));
    client.me();
    assertTrue(sleeper.waits().isEmpty());
    client.me();
    assertEquals(List.of(Duration.ofMillis(3_500)), sleeper.waits());
    assertEquals(1, client.stats().rateLimitWaits());
  }

  @Test
  void serverRemaining_isSpentDownBeforeWaiting() {
    server.enqueue(admin(2L, WINDOW_SECONDS + 10));
    for (int i = 0; i < 3; i++) {
      server.enqueue(admin(null, null));
    }
    client.me();
    client.me();
    client.me();
    assertTrue(sleeper.waits().isEmpty(), "two were left");
    client.me();
    assertEquals(List.of(Duration.ofMillis(6_500)), sleeper.waits());
  }

  @Test
  void serverRemainingZero_withAResetAlreadyPast_isIgnored() {
    server.enqueue(admin(0L, WINDOW_SECONDS));
    server.enqueue(admin(null, null));
    client.me();
    client.me();
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void ownBudget_the167thRequestOfAWindow_waitsForTheNextWindow() {
    clock.set(WINDOW.plusMillis(1_234));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return admin(null, null);
      }
    });
    // 1000 a minute: 166 every 10 seconds.
    for (int i = 0; i < 166; i++) {
      client.me();
    }
    assertTrue(sleeper.waits().isEmpty());
    client.me();
    assertEquals(List.of(Duration.ofMillis(8_766)), sleeper.waits());
    assertEquals(WINDOW.plusSeconds(10), clock.instant());
    assertEquals(167, server.getRequestCount());
    assertEquals(1, client.stats().rateLimitWaits());
  }
}
