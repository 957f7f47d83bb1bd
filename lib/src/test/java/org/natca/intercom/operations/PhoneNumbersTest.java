package org.natca.intercom.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @ParameterizedTest
  @ValueSource(strings = {"+17654657031", "17654657031", "7654657031", "(765) 465-7031", "765-465-7031",
      "765.465.7031", "765 465 7031", "+1 (765) 465-7031", "1-765-465-7031", "+447911123456"})
  void everyUsualFormIsTakenOut(String phone) {
    assertEquals("phone <phone> is invalid", PhoneNumbers.strip("phone " + phone + " is invalid"));
    assertEquals("{\"phone\":\"<phone>\"}", PhoneNumbers.strip("{\"phone\":\"" + phone + "\"}"));
    assertEquals("<phone>", PhoneNumbers.strip(phone));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "member 601 is on contact 6b0faa89b2267a1234567890",
      "contact 65f0a1b2c3d4e5f601234567 is blocked",
      "request id 000a1b2c3d4e5f6789012345x",
      "member number 12345678901234 not found",
      "duplicate of 5f1234567890abcdef123456"})
  void digitsInsideIdentifiersStay(String text) {
    assertEquals(text, PhoneNumbers.strip(text));
  }

  @Test
  void nullStaysNull() {
    assertNull(PhoneNumbers.strip(null));
  }
}
