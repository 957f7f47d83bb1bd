package org.natca.intercom.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parsers of the HTTP layer: query parameters and bearer tokens. */
class RequestPartsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "email=jane@example.org              | jane@example.org",
      "email=jane%40example.org            | jane@example.org",
      "email=jane+union@example.org        | jane+union@example.org",
      "email=jane%2Bunion%40example.org    | jane+union@example.org",
      "x=1&email=a%26b@example.org&email=2 | a&b@example.org",
      "email=                              | ''",
      "email                               | ''",
      "other=1                             | NULL",
      "email=50%                           | 50%",
  })
  void queryParameter(String rawQuery, String expected) {
    assertEquals(expected, LookupHandler.queryParameter(rawQuery.strip(), "email"));
  }

  @Test
  void queryParameter_withoutAQuery_isNull() {
    assertEquals(null, LookupHandler.queryParameter(null, "email"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer s3cret", "bearer s3cret", "BEARER   s3cret ", " Bearer s3cret"})
  void bearerToken_matches(String header) {
    assertTrue(new BearerToken("s3cret").matches(header));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Bearer", "Bearer ", "s3cret", "Basic s3cret", "Bearer s3cre", "Bearer s3cret2", "Bearers3cret"})
  void bearerToken_refuses(String header) {
    assertFalse(new BearerToken("s3cret").matches(header));
  }

  @Test
  void bearerToken_neverShowsTheToken() {
    assertFalse(new BearerToken("s3cret").toString().contains("s3cret"));
  }
}
