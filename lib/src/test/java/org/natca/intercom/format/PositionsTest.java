package org.natca.intercom.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionsTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                       | ''",
      "facrep                   | Facility Representative",
      "facpres                  | Facility President",
      "arearep                  | Area Representative",
      "rvp                      | Regional Vice President",
      "evp                      | Executive Vice President",
      "pres                     | President",
      "neb                      | National Executive Board",
      "facrep,facpres           | Facility President, Facility Representative",
      "rvp,facrep,rvp           | Facility Representative, Regional Vice President",
      "' FacRep ,FACREP,facrep' | Facility Representative",
      "steward,facrep           | Facility Representative, steward",
      "' steward ,steward'      | steward",
      "neb,pres,evp             | Executive Vice President, National Executive Board, President",
      "'  ,facrep'              | Facility Representative",
  })
  void format_mapsDeduplicatesSortsAndJoins(String codes, String expected) {
    List<String> list = codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    assertEquals(expected, Positions.format(list));
  }

  @Test
  void format_nullCodesAndNullCollection_areSkipped() {
    List<String> codes = new ArrayList<>();
    codes.add(null);
    codes.add("pres");
    assertEquals("President", Positions.format(codes));
    assertEquals("", Positions.format(null));
  }
}
