package org.natca.intercom.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On the real clock: 8 callers against a server that takes 20 ms an answer must use at least 90% of a
 * 10,000/min budget in every full 10-second window. Takes about 30 s, so it runs only when asked:
 * {@code mvn -pl lib -am test -Dtest=IntercomClientThroughputBenchmarkTest -Dintercom.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "intercom.benchmark", matches = "true")
class IntercomClientThroughputBenchmarkTest {

  @Test
  void eightCallers_use90PercentOfTheBudget() throws Exception {
    Map<Long, Integer> perWindow = new TreeMap<>();
    Clock clock = Clock.systemUTC();
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          synchronized (perWindow) {
            perWindow.merge(clock.millis() / 10_000, 1, Integer::sum);
          }
          return new MockResponse.Builder().code(200).headersDelay(20, TimeUnit.MILLISECONDS)
              .body("{\"type\":\"admin\",\"id\":\"1\"}").build();
        }
      });
      server.start();
      long firstFull = clock.millis() / 10_000 + 1;
      long stopAt = (firstFull + 2) * 10_000 + 500;
      try (IntercomClient client = IntercomClient.builder()
          .baseUrl(server.url("/").toString()).accessToken("tok").maxRequestsPerMinute(10_000).build()) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          done.add(pool.submit(() -> {
            while (clock.millis() < stopAt) {
              client.me();
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
      }
    }
    System.out.println("requests per 10 s window (first and last partial): " + perWindow);
    for (long w = 1; w <= 2; w++) {
      int n = perWindow.getOrDefault(perWindow.keySet().iterator().next() + w, 0);
      assertTrue(n >= 1500 && n <= 1666, "window " + w + ": " + n + " of 1666; all: " + perWindow);
    }
  }
}
