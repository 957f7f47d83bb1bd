package org.natca.intercom.client;

import org.natca.intercom.client.http.RequestStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.model.Admin;

/** Many threads share one client: its budget holds for all of them together, and is used up. */
class IntercomClientConcurrencyTest {

  private static final int THREADS = 8;
  private static final int CALLS_EACH = 50;

  private final MockWebServer server = new MockWebServer();
  private final Map<Long, Integer> perWindow = new TreeMap<>();
  private SimulatedTime time;

  @BeforeEach
  void start() throws Exception {
    // Starts mid-window, so the first window is a partial one.
    time = new SimulatedTime(Instant.parse("2025-03-01T12:00:03.700Z"));
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (perWindow) {
          perWindow.merge(time.millis() / 10_000, 1, Integer::sum);
        }
        return Json.ok("{'type':'admin','id':'1','name':'Bot'}");
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eightThreads_neverExceedTheWindowBudget_andFillEveryWindow() throws Exception {
    // 120 a minute: 20 every 10 seconds, so 400 calls need exactly 20 windows.
    try (IntercomClient client = IntercomClient.builder()
        .baseUrl(server.url("/").toString())
        .accessToken("tok")
        .maxRequestsPerMinute(120)
        .clock(time)
        .sleeper(time)
        .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        time.join();
        results.add(pool.submit(() -> {
          try {
            int ok = 0;
            for (int i = 0; i < CALLS_EACH; i++) {
              Admin a = client.me();
              if ("1".equals(a.id())) {
                ok++;
              }
            }
            return ok;
          } finally {
            time.leave();
          }
        }));
      }
      int ok = 0;
      for (Future<Integer> f : results) {
        ok += f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertEquals(THREADS * CALLS_EACH, ok);
      synchronized (perWindow) {
        assertEquals(THREADS * CALLS_EACH, perWindow.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(perWindow.values().stream().allMatch(n -> n <= 20), "over budget: " + perWindow);
        assertEquals(20, perWindow.size(), "every window used in full: " + perWindow);
      }
      RequestStats s = client.stats();
      assertEquals(400, s.total());
      assertEquals(0, s.retries());
      assertTrue(s.rateLimitWaits() >= 19, "waits: " + s.rateLimitWaits());
    }
  }
}
