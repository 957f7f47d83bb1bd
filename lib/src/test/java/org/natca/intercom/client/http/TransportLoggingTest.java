package org.natca.intercom.client.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.FakeClock;
import org.natca.intercom.client.FixedRandom;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.RecordingSleeper;
import org.natca.intercom.client.error.ErrorMapper;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.json.IntercomJson;
import org.slf4j.event.Level;

/** Every request is logged at DEBUG with method, path, status and time; secrets never are. */
class TransportLoggingTest {

  private static final String TOKEN = "dG9rOnNlY3JldA==";
  private static final String PHONE = "+17654657031";

  private final MockWebServer server = new MockWebServer();
  private final RecordingLogger log = new RecordingLogger();
  private Transport transport;
  private IntercomJson json;

  @BeforeEach
  void start() throws Exception {
    server.start();
    FakeClock clock = new FakeClock(Instant.parse("2025-03-01T12:00:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    RequestCounters counters = new RequestCounters();
    ObjectMapper mapper = new ObjectMapper();
    json = new IntercomJson(mapper);
    transport = new Transport(
        new Transport.Settings(HttpUrl.get(server.url("/").toString()), TOKEN, "2.14", 3, 3,
            Duration.ofSeconds(2), Duration.ofSeconds(2), 4),
        new RateLimiter(1000, clock, sleeper, counters),
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new FixedRandom(0.5)),
        sleeper, counters, json, new ErrorMapper(mapper), log);
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private ObjectNode contactWithPhone() {
    ObjectNode body = json.object();
    body.put("email", "jane@example.org");
    body.put("phone", PHONE);
    return body;
  }

  @Test
  void requests_areLoggedAtDebug_withMethodPathStatusAndMillis() {
    server.enqueue(Json.ok(Json.contact("c1")));
    transport.execute(ApiRequest.post(RequestKind.NON_IDEMPOTENT_WRITE, contactWithPhone(), "contacts"));
    assertTrue(log.lines().stream().anyMatch(l -> l.level() == Level.DEBUG
        && l.text().matches("POST /contacts -> 200 in \\d+ ms")), log.lines().toString());
  }

  @Test
  void retriesAndErrors_neverLogTheTokenOrAPhone() {
    server.enqueue(Json.error(503, "unavailable", "busy"));
    server.enqueue(Json.error(400, "parameter_invalid", "Phone " + PHONE + " is invalid"));
    ObjectNode body = contactWithPhone();
    IntercomException e = assertThrows(IntercomException.class,
        () -> transport.execute(ApiRequest.put(body, "contacts", "c1")));
    assertTrue(log.lines().stream().anyMatch(l -> l.level() == Level.INFO && l.text().contains("retry 1 of 3")),
        log.lines().toString());
    for (RecordingLogger.Line line : log.lines()) {
      assertFalse(line.text().contains(TOKEN), line.text());
      assertFalse(line.text().contains("7654657031"), line.text());
    }
    assertFalse(e.getMessage().contains("7654657031"), e.getMessage());
  }
}
