package org.natca.intercom.member;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailsTest {

  @ParameterizedTest(name = "[{0}] -> clean [{1}], key [{2}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "jane@example.org          | jane@example.org | jane@example.org",
      "'  Jane.Doe@Example.ORG ' | Jane.Doe@Example.ORG | jane.doe@example.org",
      "'\tJANE@EXAMPLE.ORG\n'    | JANE@EXAMPLE.ORG | jane@example.org",
      "''                        | NULL | NULL",
      "'   '                     | NULL | NULL",
      "NULL                      | NULL | NULL",
  })
  void cleanAndKey_trimAndKeyIgnoresCase(String raw, String clean, String key) {
    assertEquals(clean, Emails.clean(raw));
    assertEquals(key, Emails.key(raw));
  }
}
