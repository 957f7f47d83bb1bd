package org.natca.intercom.client;

import java.time.Instant;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the client tests over MockWebServer: a client with token {@code tok_secret}, a fake clock and sleeper. */
abstract class MockIntercomTest {
  static final String TOKEN = "tok_secret";

  final MockWebServer server = new MockWebServer();
  FakeClock clock;
  IntercomClient client;

  @BeforeEach
  void startServer() throws Exception {
    server.start();
    clock = new FakeClock(Instant.parse("2025-03-01T12:00:00Z"));
    client = IntercomClient.builder()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .clock(clock)
        .sleeper(new RecordingSleeper(clock))
        .build();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }
}
