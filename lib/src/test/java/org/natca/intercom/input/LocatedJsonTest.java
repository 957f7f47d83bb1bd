package org.natca.intercom.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared reader on its own, with elements that must be whole numbers (the parsers' own rules are tested with them). */
class LocatedJsonTest {
  final List<Integer> numbers = new ArrayList<>();

  List<String> read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  List<String> read(byte[] content) {
    LocatedJson json = new LocatedJson("n.json");
    json.readArray(content, "the file is empty", found -> "expected an array, found " + found, (p, token, index) -> {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        numbers.add(p.getIntValue());
      } else {
        json.problem(p.currentTokenLocation(), "[" + index + "] must be a whole number, found " + LocatedJson.found(p, token));
        p.skipChildren();
      }
    });
    return json.problems();
  }

  @Test
  void readArray_givesEveryElementInTurn_andNoProblemWhenAllAreGood() {
    assertEquals(List.of(), read("\uFEFF [1, 2,\n 3] \n"));
    assertEquals(List.of(1, 2, 3), numbers);
  }

  @Test
  void readArray_problemsOfTheElements_comeInFileOrder_withLineAndColumn() {
    assertEquals(List.of(
        "n.json:1:2: [0] must be a whole number, found \"a\"",
        "n.json:2:3: [2] must be a whole number, found an object",
        "n.json:3:1: [3] must be a whole number, found 1.5"),
        read("[\"a\", 7,\n  {\"x\": [1, 2]},\n1.5]"));
    assertEquals(List.of(7), numbers);
  }

  @Test
  void problems_withoutAPlace_comeFirst_andProblemsAtOnePlace_keepTheirOrder() {
    LocatedJson json = new LocatedJson("f");
    json.readArray("[1,\n2]".getBytes(StandardCharsets.UTF_8), "empty", found -> found, (p, token, index) -> {
      json.problem(p.currentTokenLocation(), "second " + index);
      json.problem(null, "no place " + index);
    });
    json.problem(null, "last without a place");

    assertEquals(List.of("f: no place 0", "f: no place 1", "f: last without a place", "f:1:2: second 0", "f:2:1: second 1"),
        json.problems());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "blank           | ' \n\t '    | n.json: the file is empty",
      "an object       | '{}'        | n.json:1:1: expected an array, found an object",
      "a number        | '\n  12'    | n.json:2:3: expected an array, found a number",
      "second array    | '[]\n[]'    | n.json:2:1: unexpected content after the end of the array",
      "unclosed        | '[1,'       | n.json:1:4: malformed JSON: Unexpected end-of-input within/between Array entries",
      "garbage after   | '[] x'      | n.json:1:5: malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"})
  void readArray_fileLevelProblems_oneLineEach(String what, String text, String expected) {
    assertEquals(List.of(expected), read(text));
  }

  @Test
  void readArray_notUtf8_saysSo_andReadsNothing() {
    byte[] latin1 = "[1, \"Jos\u00e9\"]".getBytes(StandardCharsets.ISO_8859_1);

    assertEquals(List.of("n.json: the file is not UTF-8 text"), read(latin1));
    assertEquals(List.of(), numbers);
  }

  @Test
  void readArray_anElementThatDoesNotConsumeItself_isAnError() {
    LocatedJson json = new LocatedJson("f");
    // reading past the end: the parser runs out inside the array, which only a broken element can cause
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> json.readArray(
        "[1]".getBytes(StandardCharsets.UTF_8), "empty", found -> found, (p, token, index) -> {
          while (p.nextToken() != null) {
            // skip to the end
          }
        }));
    assertEquals("the parser ended inside the array without an error", e.getMessage());
  }

  @Test
  void report_listsTheFirstOnes_thenTheCount() {
    List<String> many = IntStream.rangeClosed(1, 51).mapToObj(i -> "p" + i).toList();

    List<String> lines = LocatedJson.report(many, 50, "m.json", "done");
    assertEquals(51, lines.size());
    assertEquals(many.subList(0, 50), lines.subList(0, 50));
    assertEquals("error: 51 problems in m.json (the first 50 are listed); nothing was done", lines.get(50));

    assertEquals(List.of("p1", "p2", "error: 2 problems in m.json; nothing was done"),
        LocatedJson.report(many.subList(0, 2), 2, "m.json", "done"));
    assertEquals(List.of("p1", "error: 1 problem in the tag rules r.json; nothing was written"),
        LocatedJson.report(many.subList(0, 1), Integer.MAX_VALUE, "the tag rules r.json", "written"));
  }

  @Test
  void quote_escapesAsJson_andCutsLongValues() {
    assertEquals("\"a\\\"b\\nc\"", LocatedJson.quote("a\"b\nc"));
    assertEquals("\"" + "x".repeat(40) + "\"", LocatedJson.quote("x".repeat(40)));
    assertEquals("\"" + "x".repeat(40) + "...\"", LocatedJson.quote("x".repeat(41)));
  }

  @Test
  void describeAndFound_nameEveryKindOfValue() throws IOException {
    try (JsonParser p = new JsonFactory().createParser("[{}, [], \"s\", 1, 2.5, true, false, null]")) {
      p.nextToken();
      List<String> kinds = new ArrayList<>();
      List<String> found = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        kinds.add(LocatedJson.describe(t));
        found.add(LocatedJson.found(p, t));
        p.skipChildren();
      }
      assertEquals(List.of("an object", "an array", "a string", "a number", "a number", "a boolean", "a boolean", "null"), kinds);
      assertEquals(List.of("an object", "an array", "\"s\"", "1", "2.5", "a boolean", "a boolean", "null"), found);
    }
    assertEquals("nothing", LocatedJson.describe(null));
  }
}
