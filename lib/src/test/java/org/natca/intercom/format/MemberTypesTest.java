package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.member.Member;

class MemberTypesTest {

  @ParameterizedTest(name = "{0}, type {1} ({2}) -> {3}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "Retired | 6    | Full Member     | Retired Member",
      "Retired | NULL | NULL            | Retired Member",
      "Active  | 6    | Full Member     | Current Member",
      "Active  | 8    | Staff           | NATCA Employee",
      "Active  | 10   | NULL            | Retired Member",
      "Active  | 7    | ' Associate  '  | Associate",
      "Active  | 7    | '   '           | Member",
      "Active  | 7    | NULL            | Member",
      "Active  | NULL | NULL            | Member",
      "retired | 7    | Associate       | Associate",
  })
  void label_followsTheContractTable(String status, Integer typeId, String typeName, String expected) {
    Member member = new Member(1, "A", "B", "a@example.org", null, status, typeId, typeName, null, null, List.of());
    assertEquals(expected, MemberTypes.label(member));
  }
}
