package org.natca.intercom.client;

import org.natca.intercom.client.http.RequestStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.client.error.InvalidClientSettingException;

class IntercomClientBuilderTest {

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("no token", (UnaryOperator<IntercomClient.Builder>) b -> b.accessToken(null), "access token is missing"),
        Arguments.of("blank token", (UnaryOperator<IntercomClient.Builder>) b -> b.accessToken("  "), "access token is missing"),
        Arguments.of("token with a newline", (UnaryOperator<IntercomClient.Builder>) b -> b.accessToken("abc\n"), "access token contains"),
        Arguments.of("not a URL", (UnaryOperator<IntercomClient.Builder>) b -> b.baseUrl("api.intercom.io"), "base URL"),
        Arguments.of("ftp URL", (UnaryOperator<IntercomClient.Builder>) b -> b.baseUrl("ftp://x"), "base URL"),
        Arguments.of("empty version", (UnaryOperator<IntercomClient.Builder>) b -> b.apiVersion(""), "API version"),
        Arguments.of("budget 5", (UnaryOperator<IntercomClient.Builder>) b -> b.maxRequestsPerMinute(5), "maxRequestsPerMinute"),
        Arguments.of("negative retries", (UnaryOperator<IntercomClient.Builder>) b -> b.maxRetries(-1), "maxRetries"),
        Arguments.of("no concurrency", (UnaryOperator<IntercomClient.Builder>) b -> b.maxConcurrentRequests(0), "maxConcurrentRequests"),
        Arguments.of("zero timeout", (UnaryOperator<IntercomClient.Builder>) b -> b.readTimeout(Duration.ZERO), "readTimeout"),
        Arguments.of("backoff upside down", (UnaryOperator<IntercomClient.Builder>) b -> b.backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)), "backoff"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void build_rejectsBadSettings_withAConfigException(
      String name, UnaryOperator<IntercomClient.Builder> change, String expected) {
    IntercomClient.Builder b = change.apply(IntercomClient.builder().accessToken("tok_secret"));
    InvalidClientSettingException e = assertThrows(InvalidClientSettingException.class, b::build);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("tok_secret"));
  }

  @Test
  void build_withOnlyAToken_usesTheUsHostAndDefaults() {
    try (IntercomClient c = IntercomClient.builder().accessToken("tok_secret").build()) {
      assertEquals("IntercomClient[https://api.intercom.io/, version 2.14, 1000/min]", c.toString());
      assertEquals(new RequestStats(0, 0, 0, 0, 0), c.stats());
    }
  }
}
