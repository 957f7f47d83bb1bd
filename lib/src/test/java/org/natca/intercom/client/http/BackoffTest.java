package org.natca.intercom.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.FixedRandom;

class BackoffTest {

  @ParameterizedTest(name = "failure {0}, jitter {1} -> {2} ms")
  @CsvSource({
      "1, 0.0, 250", "1, 0.999999, 499", "2, 0.0, 500", "3, 0.5, 1500",
      "5, 0.0, 4000", "7, 0.0, 15000", "7, 0.999999, 29999", "40, 0.0, 15000"})
  void delay_doublesFromInitial_withJitterInTheUpperHalf_cappedAtMax(int failure, double jitter, long millis) {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new FixedRandom(jitter));
    assertEquals(Duration.ofMillis(millis), b.delay(failure));
  }

  @Test
  void delay_withARealRandom_staysInItsBand() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(7));
    for (int i = 0; i < 200; i++) {
      long d = b.delay(3).toMillis();
      assertTrue(d >= 1000 && d < 2000, "delay " + d);
    }
  }

  @Test
  void maxShorterThanInitial_isRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
  }
}
