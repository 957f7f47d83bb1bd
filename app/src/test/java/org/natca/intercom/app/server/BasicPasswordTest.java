package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicPasswordTest {
  static final String PASSWORD = "s3cret:with colon é";

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "support-lead:s3cret:with colon é | true",
      ":s3cret:with colon é | true",
      "jané:s3cret:with colon é | true",
      "support-lead:s3cret:with colon e | false",
      "'support-lead:s3cret:with colon é ' | false",
      "s3cret:with colon é | false",
      "support-lead: | false",
      "support-lead | false"})
  void matches_anyUserName_theWholePasswordAfterTheFirstColon(String credentials, boolean expected) {
    assertEquals(expected, new BasicPassword(PASSWORD).matches(basic(credentials)), credentials);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "''", "Basic", "Basic ", "Basic %%%", "Bearer s3cret"})
  void malformedHeaders_doNotMatch(String header) {
    assertFalse(new BasicPassword(PASSWORD).matches(header));
  }

  @ParameterizedTest
  @CsvSource({"basic", "BASIC", "Basic"})
  void theScheme_inAnyCase(String scheme) {
    String h = basic("u:" + PASSWORD).replace("Basic", scheme);
    assertEquals(true, new BasicPassword(PASSWORD).matches(h));
  }
}
