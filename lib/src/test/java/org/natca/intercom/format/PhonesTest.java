package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "(765) 465-7031      | +17654657031",
      "765-465-7031        | +17654657031",
      "7654657031          | +17654657031",
      "1-765-465-7031      | +17654657031",
      "+1 765 465 7031     | +17654657031",
      "765.465.7031        | +17654657031",
      "'  765 465 7031  '  | +17654657031",
      "765-465-7031 x123   | +17654657031",
      "+44 20 7946 0958    | +442079460958",
      "011 44 20 7946 0958 | +442079460958",
  })
  void toE164_validNumbers_giveE164(String raw, String expected) {
    PhoneResult result = Phones.toE164(raw);
    assertEquals(expected, result.e164());
    assertNull(result.problem());
    assertTrue(result.isValid());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "not a phone      | cannot be parsed: not a number",
      "123              | not a valid number (+1): too short",
      "46570            | not a valid number (+1): too short",
      "765-465-70311234 | not a valid number (+1): too long",
      "(555) 555-0100   | not a valid number (+1): not an assigned number range",
      "+999 1234567     | cannot be parsed: invalid country code",
  })
  void toE164_invalidNumbers_giveNoNumberAndAReasonWithoutDigitsOfTheNumber(String raw, String reason) {
    PhoneResult result = Phones.toE164(raw);
    assertNull(result.e164());
    assertFalse(result.isValid());
    assertNotNull(result.problem());
    assertTrue(result.problem().endsWith(reason), result.problem());
    String digits = raw.replaceAll("\\D", "");
    if (digits.length() > 3) {
      assertFalse(result.problem().contains(digits.substring(0, 4)), "problem must not leak the number: " + result.problem());
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t"})
  void toE164_nullOrBlank_isNoNumberAndNoProblem(String raw) {
    assertEquals(PhoneResult.none(), Phones.toE164(raw));
  }
}
