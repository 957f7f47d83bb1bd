package org.natca.intercom.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MappingsTest {
  static final String C1 = "67eb0a6e8f72a828ba21c342";
  static final String C2 = "67eb0a6e8f72a828ba21c343";

  static MappingsFile parse(String json) {
    return Mappings.parse("m.json", json.getBytes(StandardCharsets.UTF_8));
  }

  static List<Mapping> valid(String json) {
    return assertInstanceOf(MappingsFile.Valid.class, parse(json)).mappings();
  }

  static List<String> problems(String json) {
    return assertInstanceOf(MappingsFile.Invalid.class, parse(json)).problems();
  }

  @Test
  void exampleFile_atTheRepositoryRoot_parses() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("mappings.example.json"))) {
      dir = dir.getParent();
    }
    MappingsFile read = Mappings.read(dir.resolve("mappings.example.json"));

    assertEquals(new MappingsFile.Valid(List.of(new Mapping(0, 1, C1, 12345))), read);
  }

  @Test
  void parse_numbersStringsNotesAndBlanks_allBecomeMappings() {
    List<Mapping> mappings = valid("""
        [
          {"contact_id": "%s", "member_number": 12345},
          {"member_number": " 0012346 ", "contact_id": "  %s ", "note": "asked by the Sacramento rep"},
          {"contact_id": "abc", "member_number": "2147483647", "note": null}
        ]
        """.formatted(C1, C2));

    assertEquals(List.of(new Mapping(0, 2, C1, 12345), new Mapping(1, 3, C2, 12346), new Mapping(2, 4, "abc", Integer.MAX_VALUE)),
        mappings);
  }

  @Test
  void parse_emptyArray_isValidAndEmpty() {
    assertEquals(List.of(), valid(" [ ] \n"));
  }

  @Test
  void parse_byteOrderMark_isSkipped() {
    assertEquals(1, valid("\uFEFF[{\"contact_id\": \"a1\", \"member_number\": 1}]").size());
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("empty", "", List.of(
            "m.json: the file is empty; expected a JSON array such as " + Mappings.EXAMPLE)),
        Arguments.of("blank", " \n\t\n", List.of(
            "m.json: the file is empty; expected a JSON array such as " + Mappings.EXAMPLE)),
        Arguments.of("unclosed array", "[{\"contact_id\": \"a1\", \"member_number\": 1}", List.of(
            "m.json:1:42: malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 1)")),
        Arguments.of("missing comma", "[{\"contact_id\": \"a1\"\n \"member_number\": 1}]", List.of(
            "m.json:2:2: malformed JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries")),
        Arguments.of("trailing comma", "[{\"contact_id\": \"a1\", \"member_number\": 1},]", List.of(
            "m.json:1:43: malformed JSON: Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")),
        Arguments.of("single quotes", "[{'contact_id': 'a1', 'member_number': 1}]", List.of(
            "m.json:1:3: malformed JSON: Unexpected character (''' (code 39)): was expecting double-quote to start field name")),
        Arguments.of("garbage after the array", "[] x", List.of(
            "m.json:1:5: malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")),
        Arguments.of("second array", "[]\n[]", List.of(
            "m.json:2:1: unexpected content after the end of the array")),
        Arguments.of("top level object", "{\"contact_id\": \"a1\", \"member_number\": 1}", List.of(
            "m.json:1:1: expected a JSON array of mappings, found an object; the format is " + Mappings.EXAMPLE)),
        Arguments.of("top level string", "\n  \"a1\"", List.of(
            "m.json:2:3: expected a JSON array of mappings, found a string; the format is " + Mappings.EXAMPLE)),
        Arguments.of("entry not an object", "[[\"a1\", 1], \"a1\", 7, null]", List.of(
            "m.json:1:2: entry [0]: expected an object with \"contact_id\" and \"member_number\", found an array",
            "m.json:1:13: entry [1]: expected an object with \"contact_id\" and \"member_number\", found a string",
            "m.json:1:19: entry [2]: expected an object with \"contact_id\" and \"member_number\", found a number",
            "m.json:1:22: entry [3]: expected an object with \"contact_id\" and \"member_number\", found null")),
        Arguments.of("contact_id missing", "[{\"member_number\": 1}]", List.of(
            "m.json:1:2: entry [0]: \"contact_id\" is missing")),
        Arguments.of("member_number missing", "[{\"contact_id\": \"a1\"}]", List.of(
            "m.json:1:2: entry [0]: \"member_number\" is missing")),
        Arguments.of("both missing", "[{}]", List.of(
            "m.json:1:2: entry [0]: \"contact_id\" is missing",
            "m.json:1:2: entry [0]: \"member_number\" is missing")),
        Arguments.of("contact_id blank", "[{\"contact_id\": \"  \", \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" is blank")),
        Arguments.of("contact_id null", "[{\"contact_id\": null, \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" must be the contact's id as a string, found null")),
        Arguments.of("contact_id number", "[{\"contact_id\": 123, \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" must be the contact's id as a string, found a number")),
        Arguments.of("contact_id a URL", "[{\"contact_id\": \"https://app.intercom.com/a/apps/x/users/67eb0a6e8f72a828ba21c342\", \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" \"https://app.intercom.com/a/apps/x/users/...\" is not an Intercom contact id (letters and digits, like 67eb0a6e8f72a828ba21c342)")),
        Arguments.of("contact_id with a newline", "[{\"contact_id\": \"a1\\nb2\", \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" \"a1\\nb2\" is not an Intercom contact id (letters and digits, like 67eb0a6e8f72a828ba21c342)")),
        Arguments.of("member_number letters", "[{\"contact_id\": \"a1\", \"member_number\": \"12a\"}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found \"12a\"")),
        Arguments.of("member_number blank", "[{\"contact_id\": \"a1\", \"member_number\": \"\"}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" is blank")),
        Arguments.of("member_number negative", "[{\"contact_id\": \"a1\", \"member_number\": -5}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found -5")),
        Arguments.of("member_number fraction", "[{\"contact_id\": \"a1\", \"member_number\": 12345.0}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found 12345.0")),
        Arguments.of("member_number null", "[{\"contact_id\": \"a1\", \"member_number\": null}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found null")),
        Arguments.of("member_number boolean", "[{\"contact_id\": \"a1\", \"member_number\": true}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found a boolean")),
        Arguments.of("member_number object", "[{\"contact_id\": \"a1\", \"member_number\": {\"n\": 1}}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" must be digits (12345 or \"12345\"), found an object")),
        Arguments.of("member_number too large", "[{\"contact_id\": \"a1\", \"member_number\": \"2147483648\"}]", List.of(
            "m.json:1:40: entry [0]: \"member_number\" 2147483648 is too large for a member number")),
        Arguments.of("unknown key", "[{\"contact_id\": \"a1\", \"member_number\": 1, \"email\": \"x@example.org\"}]", List.of(
            "m.json:1:43: entry [0]: unknown key \"email\"; an entry has \"contact_id\", \"member_number\" and optionally \"note\"")),
        Arguments.of("note not a string", "[{\"contact_id\": \"a1\", \"member_number\": 1, \"note\": [1]}]", List.of(
            "m.json:1:51: entry [0]: \"note\" must be a string, found an array")),
        Arguments.of("key given twice", "[{\"contact_id\": \"a1\", \"member_number\": 1, \"contact_id\": \"b2\"}]", List.of(
            "m.json:1:43: entry [0]: \"contact_id\" is given twice")),
        Arguments.of("same contact twice", "[\n{\"contact_id\": \"a1\", \"member_number\": 1},\n{\"contact_id\": \"a1\", \"member_number\": 2}\n]", List.of(
            "m.json:3:16: entry [1]: contact a1 is already mapped by entry [0] (line 2) to member 1; a contact can be only one member")),
        Arguments.of("one member, two contacts", "[\n{\"contact_id\": \"a1\", \"member_number\": 1},\n{\"contact_id\": \"b2\", \"member_number\": \"001\"}\n]", List.of(
            "m.json:3:39: entry [1]: member 1 is already mapped by entry [0] (line 2) to contact a1; a member has one contact")),
        Arguments.of("long unknown key, cut", "[{\"contact_id\": \"a1\", \"member_number\": 1, \"" + "k".repeat(41) + "\": 1}]", List.of(
            "m.json:1:43: entry [0]: unknown key \"" + "k".repeat(40) + "...\"; an entry has \"contact_id\", \"member_number\" and optionally \"note\"")),
        Arguments.of("entry a boolean", "[true]", List.of(
            "m.json:1:2: entry [0]: expected an object with \"contact_id\" and \"member_number\", found a boolean")),
        Arguments.of("contact_id a boolean", "[{\"contact_id\": false, \"member_number\": 1}]", List.of(
            "m.json:1:17: entry [0]: \"contact_id\" must be the contact's id as a string, found a boolean")),
        Arguments.of("entry repeated", "[\n{\"contact_id\": \"a1\", \"member_number\": 1},\n{\"member_number\": \"1\", \"contact_id\": \"a1\"}\n]", List.of(
            "m.json:3:38: entry [1]: repeats entry [0] (line 2)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void parse_invalidFile_oneExactLinePerProblem(String name, String json, List<String> expected) {
    assertEquals(expected, problems(json));
  }

  @Test
  void parse_manyProblems_allReportedInFileOrder() {
    List<String> found = problems("""
        [
          {"contact_id": "a1", "member_number": 1, "emial": "x"},
          {"contact_id": "a1", "member_number": "x1"},
          "a1",
          {"contact_id": "c3", "member_number": 1},
          {"contact_id": "d4"
        """);

    assertEquals(List.of(
        "m.json:2:44: entry [0]: unknown key \"emial\"; an entry has \"contact_id\", \"member_number\" and optionally \"note\"",
        "m.json:3:41: entry [1]: \"member_number\" must be digits (12345 or \"12345\"), found \"x1\"",
        "m.json:4:3: entry [2]: expected an object with \"contact_id\" and \"member_number\", found a string",
        "m.json:5:41: entry [3]: member 1 is already mapped by entry [0] (line 2) to contact a1; a member has one contact",
        "m.json:7:1: malformed JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 6, column 3)"),
        found);
  }

  @Test
  void parse_notUtf8_saysSo() {
    byte[] latin1 = "[{\"contact_id\": \"a1\", \"member_number\": 1, \"note\": \"Jos\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);

    MappingsFile read = Mappings.parse("m.json", latin1);

    assertEquals(new MappingsFile.Invalid(List.of("m.json: the file is not UTF-8 text")), read);
  }

  @Test
  void read_missingFile_saysNoSuchFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");

    assertEquals(new MappingsFile.Unreadable(missing + ": cannot read the file: no such file"), Mappings.read(missing));
  }

  @Test
  void read_directory_saysSo(@TempDir Path dir) {
    assertEquals(new MappingsFile.Unreadable(dir + ": cannot read the file: it is a directory"), Mappings.read(dir));
  }

  @Test
  void read_fifo_isRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("m.json");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    // opening a FIFO with no writer would block for ever: a refusal must come back at once
    MappingsFile read = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Mappings.read(fifo));

    assertEquals(new MappingsFile.Unreadable(fifo + ": cannot read the file: it is not a regular file (a FIFO, socket"
        + " or device); give a JSON file"), read);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/zero", "/dev/urandom", "/dev/null"})
  void read_device_isRefused(String device) {
    MappingsFile read = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Mappings.read(Path.of(device)));

    assertTrue(assertInstanceOf(MappingsFile.Unreadable.class, read).problem()
        .startsWith(device + ": cannot read the file: it is not a regular file"), read.toString());
  }

  @Test
  void read_fileOverTheLimit_isRefusedBeforeReading(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(Mappings.MAX_FILE_BYTES + 1); // sparse: no 10 MiB written
    }

    assertEquals(new MappingsFile.Unreadable(big + ": cannot read the file: it is larger than 10 MiB, the most a"
        + " mappings file may be"), Mappings.read(big));
  }

  @Test
  void read_fileAtTheLimit_isRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("padded.json");
    byte[] content = new byte[(int) Mappings.MAX_FILE_BYTES];
    java.util.Arrays.fill(content, (byte) ' ');
    byte[] json = "[{\"contact_id\": \"a1\", \"member_number\": 1}]".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(json, 0, content, 0, json.length);
    Files.write(file, content);

    assertInstanceOf(MappingsFile.Valid.class, Mappings.read(file));
  }

  @Test
  void read_file_namesItAsGiven(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("m.json"), "[{\"contact_id\": \"a1\"}]");

    assertEquals(List.of(file + ":1:2: entry [0]: \"member_number\" is missing"),
        assertInstanceOf(MappingsFile.Invalid.class, Mappings.read(file)).problems());
  }
}
