package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberNumbersTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(null, new MemberNumbers.Empty()),
        Arguments.of("", new MemberNumbers.Empty()),
        Arguments.of("   ", new MemberNumbers.Empty()),
        Arguments.of("12345", new MemberNumbers.Number(12345)),
        Arguments.of(" 12345\n", new MemberNumbers.Number(12345)),
        Arguments.of("0012345", new MemberNumbers.Number(12345)),
        Arguments.of(12345, new MemberNumbers.Number(12345)),
        Arguments.of(12345L, new MemberNumbers.Number(12345)),
        Arguments.of(12345.0, new MemberNumbers.Number(12345)),
        Arguments.of(12345.5, new MemberNumbers.NotANumber("12345.5")),
        Arguments.of(-5, new MemberNumbers.NotANumber("-5")),
        Arguments.of("12 345", new MemberNumbers.NotANumber("12 345")),
        Arguments.of("#12345", new MemberNumbers.NotANumber("#12345")),
        Arguments.of("-12345", new MemberNumbers.NotANumber("-12345")),
        Arguments.of("12a45", new MemberNumbers.NotANumber("12a45")),
        Arguments.of("١٢٣", new MemberNumbers.NotANumber("١٢٣")),
        Arguments.of("99999999999", new MemberNumbers.NotANumber("99999999999")),
        Arguments.of(true, new MemberNumbers.NotANumber("true")));
  }

  @ParameterizedTest
  @MethodSource("values")
  void parse(Object value, MemberNumbers.Parsed expected) {
    assertEquals(expected, MemberNumbers.parse(value));
  }
}
