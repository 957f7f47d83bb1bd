package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  @ParameterizedTest
  @CsvSource({"1, 5", "2, 30", "3, 180", "4, 180", "40, 180"})
  void defaults_delayGrowsThenCaps(int attempt, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), RetryPolicy.defaults().delayAfter(attempt));
  }

  @Test
  void isLast_atMaxAttempts() {
    RetryPolicy p = RetryPolicy.defaults();
    assertFalse(p.isLast(4));
    assertTrue(p.isLast(5));
    assertTrue(p.isLast(6));
  }

  @Test
  void invalidSettings_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofSeconds(1), 0, Duration.ofSeconds(1)));
  }
}
