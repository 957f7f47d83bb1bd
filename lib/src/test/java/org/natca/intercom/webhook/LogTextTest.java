package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values from requests in log lines: one line each, whatever they hold. */
class LogTextTest {

  @ParameterizedTest
  @CsvSource({"contact_1", "notif_6f1c2a", "jane+union@example.org", "10.0.0.7"})
  void plainValues_stayAsTheyAre(String value) {
    assertEquals(value, LogText.clean(value));
  }

  @Test
  void controlCharacters_areEscaped_soNoLineCanBeForged() {
    assertEquals("x\\r\\nINFO fake line", LogText.clean("x\r\nINFO fake line"));
    assertEquals("a\\u0000b\\u001b[31m", LogText.clean("a\u0000b\u001b[31m"));
    assertEquals("a\\u2028b\\u202eb", LogText.clean("a\u2028b\u202eb"));
    assertEquals("tab\\t", LogText.clean("tab\t"));
    assertEquals("null", LogText.clean(null));
  }

  @Test
  void longValues_areClipped() {
    String s = LogText.clean("x".repeat(10_000));
    assertEquals(LogText.MAX + 1, s.length());
    assertTrue(s.endsWith("…"));
  }
}
