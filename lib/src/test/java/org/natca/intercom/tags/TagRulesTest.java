package org.natca.intercom.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.member.Member;

class TagRulesTest {

  static TagRulesFile parse(String json) {
    return TagRules.parse("r.json", json.getBytes(StandardCharsets.UTF_8));
  }

  static List<TagRule> valid(String json) {
    return assertInstanceOf(TagRulesFile.Valid.class, parse(json)).rules();
  }

  static List<String> problems(String json) {
    return assertInstanceOf(TagRulesFile.Invalid.class, parse(json)).problems();
  }

  @Test
  void exampleFile_atTheRepositoryRoot_parsesIntoOneRulePerSelector() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("tag-rules.example.json"))) {
      dir = dir.getParent();
    }
    TagRulesFile read = TagRules.read(dir.resolve("tag-rules.example.json"));

    List<TagRule> rules = assertInstanceOf(TagRulesFile.Valid.class, read).rules();
    assertEquals(List.of("all", "positions", "status", "member_type", "region", "facility", "sql"),
        rules.stream().map(r -> r.selector().key()).toList());
    assertEquals(List.of("NATCA member", "Facility Reps", "Retired", "NATCA Employee", "Eastern Region", "Boston Center", "NEB"),
        rules.stream().map(TagRule::tag).toList());
  }

  @Test
  void parse_everySelector_becomesARule_withWhereItsSelectorStarts() {
    List<TagRule> rules = valid("""
        [
          {"tag": " All members ", "all": true},
          {"positions": ["FacRep", " facpres "], "tag": "Reps", "note": "by hand"},
          {"tag": "Old", "status": ["Retired"], "note": null},
          {"tag": "Staff", "member_type": ["NATCA Employee"]},
          {"tag": "East", "region": ["NEA"]},
          {"tag": "ZBW", "facility": ["zbw"]},
          {"tag": "NEB", "sql": "select membernumber from positions;  "}
        ]
        """);

    assertEquals(7, rules.size());
    assertEquals(new TagRule(0, 2, 35, "All members", new Selector.All()), rules.get(0));
    assertEquals(new TagRule(1, 3, 17, "Reps", new Selector.Values("positions", Set.of("facrep", "facpres"))), rules.get(1));
    assertEquals(new Selector.Values("status", Set.of("retired")), rules.get(2).selector());
    assertEquals(new Selector.Sql("select membernumber from positions"), rules.get(6).selector());
    assertEquals(6, rules.get(6).index());
  }

  @Test
  void parse_emptyArray_isValidAndEmpty() {
    assertEquals(List.of(), valid(" [ ] "));
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("empty", "", List.of(
            "r.json: the file is empty; expected a JSON array of rules such as " + TagRules.EXAMPLE)),
        Arguments.of("malformed", "[{\"tag\": \"a\" \"all\": true}]", List.of(
            "r.json:1:14: malformed JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries")),
        Arguments.of("top level object", "{\"tag\": \"a\", \"all\": true}", List.of(
            "r.json:1:1: expected a JSON array of rules, found an object; the format is " + TagRules.EXAMPLE)),
        Arguments.of("rule not an object", "[\"NEB\"]", List.of(
            "r.json:1:2: rule [0]: expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found a string")),
        Arguments.of("unknown key", "[{\"tag\": \"a\", \"all\": true, \"detach\": false}]", List.of(
            "r.json:1:28: rule [0]: unknown key \"detach\"; a rule has \"tag\", one of all, positions, status, member_type, region, facility, sql, and optionally \"note\"")),
        Arguments.of("misspelt selector only", "[{\"tag\": \"a\", \"position\": [\"facrep\"]}]", List.of(
            "r.json:1:2: rule [0]: no selector: give one of all, positions, status, member_type, region, facility, sql",
            "r.json:1:15: rule [0]: unknown key \"position\"; a rule has \"tag\", one of all, positions, status, member_type, region, facility, sql, and optionally \"note\"")),
        Arguments.of("no selector", "[{\"tag\": \"a\"}]", List.of(
            "r.json:1:2: rule [0]: no selector: give one of all, positions, status, member_type, region, facility, sql")),
        Arguments.of("two selectors", "[{\"tag\": \"a\", \"all\": true, \"status\": [\"Retired\"]}]", List.of(
            "r.json:1:38: rule [0]: two selectors (all and status); a rule has exactly one: write one rule per selector, each with its own tag")),
        Arguments.of("tag missing", "[{\"all\": true}]", List.of(
            "r.json:1:2: rule [0]: \"tag\" is missing: the name of the Intercom tag the rule keeps")),
        Arguments.of("tag empty", "[{\"tag\": \"  \", \"all\": true}]", List.of(
            "r.json:1:10: rule [0]: \"tag\" is empty")),
        Arguments.of("tag not a string", "[{\"tag\": [\"a\"], \"all\": true}]", List.of(
            "r.json:1:10: rule [0]: \"tag\" must be the tag's name as a string, found an array")),
        Arguments.of("same tag twice, other case", "[\n{\"tag\": \"NEB\", \"all\": true},\n{\"tag\": \"neb \", \"status\": [\"Active\"]}\n]", List.of(
            "r.json:3:9: rule [1]: tag \"neb\" is already kept by rule [0] (line 2); one rule per tag (names ignore case, as in Intercom): combine them into one sql rule")),
        Arguments.of("all false", "[{\"tag\": \"a\", \"all\": false}]", List.of(
            "r.json:1:22: rule [0]: \"all\" must be true (it selects every member daily-sync syncs), found false")),
        Arguments.of("values not an array", "[{\"tag\": \"a\", \"positions\": \"facrep\"}]", List.of(
            "r.json:1:28: rule [0]: \"positions\" must be an array of strings such as [\"facrep\"], found \"facrep\"")),
        Arguments.of("values empty", "[{\"tag\": \"a\", \"region\": []}]", List.of(
            "r.json:1:25: rule [0]: \"region\" is empty: it would select no one")),
        Arguments.of("values not strings", "[{\"tag\": \"a\", \"facility\": [\"ZBW\", 7, \" \"]}]", List.of(
            "r.json:1:35: rule [0]: \"facility\" holds 7; it must hold strings only",
            "r.json:1:38: rule [0]: \"facility\" holds an empty string")),
        Arguments.of("sql not a string", "[{\"tag\": \"a\", \"sql\": 5}]", List.of(
            "r.json:1:22: rule [0]: \"sql\" must be a query as a string, found a number")),
        Arguments.of("sql empty", "[{\"tag\": \"a\", \"sql\": \" ; \"}]", List.of(
            "r.json:1:22: rule [0]: \"sql\" is empty")),
        Arguments.of("sql two statements", "[{\"tag\": \"a\", \"sql\": \"select 1; delete from members\"}]", List.of(
            "r.json:1:22: rule [0]: \"sql\" must be one statement; it has a ';' inside")),
        Arguments.of("note not a string", "[{\"tag\": \"a\", \"all\": true, \"note\": 1}]", List.of(
            "r.json:1:36: rule [0]: \"note\" must be a string, found a number")),
        Arguments.of("key twice", "[{\"tag\": \"a\", \"tag\": \"b\", \"all\": true}]", List.of(
            "r.json:1:15: rule [0]: \"tag\" is given twice")),
        // pinned when the shared reader (LocatedJson) took over the file-level checks
        Arguments.of("blank", " \n\t\n", List.of(
            "r.json: the file is empty; expected a JSON array of rules such as " + TagRules.EXAMPLE)),
        Arguments.of("top level string", "\n  \"NEB\"", List.of(
            "r.json:2:3: expected a JSON array of rules, found a string; the format is " + TagRules.EXAMPLE)),
        Arguments.of("second array", "[]\n[]", List.of(
            "r.json:2:1: unexpected content after the end of the array")),
        Arguments.of("garbage after the array", "[] x", List.of(
            "r.json:1:5: malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")),
        Arguments.of("unclosed rule", "[{\"tag\": \"a\", \"all\": true}", List.of(
            "r.json:1:27: malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 1)")),
        Arguments.of("rules not objects", "[[\"a\"], 7, null, true]", List.of(
            "r.json:1:2: rule [0]: expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found an array",
            "r.json:1:9: rule [1]: expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found a number",
            "r.json:1:12: rule [2]: expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found null",
            "r.json:1:18: rule [3]: expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found a boolean")),
        Arguments.of("all a string", "[{\"tag\": \"a\", \"all\": \"yes\"}]", List.of(
            "r.json:1:22: rule [0]: \"all\" must be true (it selects every member daily-sync syncs), found \"yes\"")),
        Arguments.of("all a number", "[{\"tag\": \"a\", \"all\": 1}]", List.of(
            "r.json:1:22: rule [0]: \"all\" must be true (it selects every member daily-sync syncs), found 1")),
        Arguments.of("all null", "[{\"tag\": \"a\", \"all\": null}]", List.of(
            "r.json:1:22: rule [0]: \"all\" must be true (it selects every member daily-sync syncs), found null")),
        Arguments.of("values a boolean", "[{\"tag\": \"a\", \"status\": true}]", List.of(
            "r.json:1:25: rule [0]: \"status\" must be an array of strings such as [\"Retired\"], found true")),
        Arguments.of("values an object", "[{\"tag\": \"a\", \"member_type\": {\"x\": 1}}]", List.of(
            "r.json:1:30: rule [0]: \"member_type\" must be an array of strings such as [\"Current Member\"], found an object")),
        Arguments.of("values holding an array and false", "[{\"tag\": \"a\", \"facility\": [[\"ZBW\"], false]}]", List.of(
            "r.json:1:28: rule [0]: \"facility\" holds an array; it must hold strings only",
            "r.json:1:37: rule [0]: \"facility\" holds false; it must hold strings only")),
        Arguments.of("long unknown key, cut", "[{\"tag\": \"a\", \"all\": true, \"" + "k".repeat(45) + "\": 1}]", List.of(
            "r.json:1:28: rule [0]: unknown key \"" + "k".repeat(40) + "...\"; a rule has \"tag\", one of all, positions, status, member_type, region, facility, sql, and optionally \"note\"")),
        Arguments.of("tag with a quote and newline", "[{\"tag\": \"a\", \"all\": true}, {\"tag\": \"A\", \"x\\n\\\"y\": 1, \"all\": true}]", List.of(
            "r.json:1:37: rule [1]: tag \"A\" is already kept by rule [0] (line 1); one rule per tag (names ignore case, as in Intercom): combine them into one sql rule",
            "r.json:1:42: rule [1]: unknown key \"x\\n\\\"y\"; a rule has \"tag\", one of all, positions, status, member_type, region, facility, sql, and optionally \"note\"")));
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
          {"tag": "a", "all": true, "x": 1},
          {"tag": "", "status": ["Active"]},
          {"tag": "A", "positions": ["facrep"]}
        ]
        """);

    assertEquals(3, found.size(), found.toString());
    assertTrue(found.get(0).startsWith("r.json:2:29: rule [0]: unknown key \"x\""), found.get(0));
    assertTrue(found.get(1).startsWith("r.json:3:11: rule [1]: \"tag\" is empty"), found.get(1));
    assertTrue(found.get(2).startsWith("r.json:4:11: rule [2]: tag \"A\" is already kept by rule [0]"), found.get(2));
  }

  @Test
  void parse_byteOrderMark_isSkipped() {
    assertEquals(1, valid("\uFEFF[{\"tag\": \"a\", \"all\": true}]").size());
  }

  @Test
  void parse_notUtf8_saysSo() {
    byte[] latin1 = "[{\"tag\": \"Jos\u00e9\", \"all\": true}]".getBytes(StandardCharsets.ISO_8859_1);

    assertEquals(new TagRulesFile.Invalid(List.of("r.json: the file is not UTF-8 text")), TagRules.parse("r.json", latin1));
  }

  @Test
  void read_directory_saysSo(@TempDir Path dir) {
    assertEquals(new TagRulesFile.Invalid(List.of(dir + ": cannot read the tag rules file: it is a directory")), TagRules.read(dir));
  }

  @Test
  void read_file_namesItAsGiven_inEveryProblem(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("r.json"), "[{\"all\": true},\n{\"tag\": \"b\"}]");

    assertEquals(List.of(file + ":1:2: rule [0]: \"tag\" is missing: the name of the Intercom tag the rule keeps",
        file + ":2:1: rule [1]: no selector: give one of all, positions, status, member_type, region, facility, sql"),
        assertInstanceOf(TagRulesFile.Invalid.class, TagRules.read(file)).problems());
  }

  @Test
  void read_missingFile_saysNoSuchFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");

    assertEquals(new TagRulesFile.Invalid(List.of(missing + ": cannot read the tag rules file: no such file")), TagRules.read(missing));
  }

  static Member member(String status, Integer type, String region, String facility, String... positions) {
    return new Member(1, "F", "L", "f@example.org", null, status, type, null, region, facility, List.of(positions));
  }

  static Stream<Arguments> selections() {
    Member active = member("Active", 6, "NEA", "ZBW", " FacRep ");
    Member retired = member("Retired", 6, "NEA", "ZBW", "neb");
    Member employee = member("Active", 8, null, null);
    return Stream.of(
        Arguments.of(new Selector.All(), active, true),
        Arguments.of(new Selector.Values("positions", Set.of("facrep")), active, true),
        Arguments.of(new Selector.Values("positions", Set.of("facpres")), active, false),
        Arguments.of(new Selector.Values("status", Set.of("retired")), retired, true),
        Arguments.of(new Selector.Values("status", Set.of("Retired")), active, false),
        Arguments.of(new Selector.Values("member_type", Set.of("Retired Member")), retired, true),
        Arguments.of(new Selector.Values("member_type", Set.of("NATCA Employee")), employee, true),
        Arguments.of(new Selector.Values("member_type", Set.of("Current Member")), retired, false),
        Arguments.of(new Selector.Values("region", Set.of("NEA")), active, true),
        Arguments.of(new Selector.Values("region", Set.of("NEA")), retired, false),
        Arguments.of(new Selector.Values("region", Set.of("RNAV")), retired, true),
        Arguments.of(new Selector.Values("facility", Set.of("zbw")), active, true),
        Arguments.of(new Selector.Values("facility", Set.of("ZBW")), employee, false));
  }

  @ParameterizedTest(name = "{0} selects {1}: {2}")
  @MethodSource("selections")
  void selector_matchesTheValuesTheContactShows(Selector selector, Member member, boolean expected) {
    assertEquals(expected, selector.selects(member));
  }

  @Test
  void valuesSelector_unknownKey_isRefused() {
    assertFalse(Selector.LIST_KEYS.contains("sql"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Selector.Values("sql", Set.of("x")));
  }
}
