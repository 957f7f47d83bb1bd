package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest(name = "[{0}] [{1}] -> [{2}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "Jane          | Doe          | Jane Doe",
      "'  Jane '     | ' Doe  '     | Jane Doe",
      "Mary  Ann     | Van   Der Berg | Mary Ann Van Der Berg",
      "'Jane\t'      | 'Doe'        | Jane Doe",
      "Jane          | NULL         | Jane",
      "NULL          | Doe          | Doe",
      "''            | ' Doe'       | Doe",
      "NULL          | NULL         | NULL",
      "'  '          | ''           | NULL",
  })
  void full_isTrimmedSingleSpacedAndNullWhenBlank(String first, String last, String expected) {
    assertEquals(expected, Names.full(first, last));
  }
}
