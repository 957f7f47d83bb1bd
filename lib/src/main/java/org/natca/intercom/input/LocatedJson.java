package org.natca.intercom.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A JSON array of objects that people write (the tag rules, the mappings), read on a streaming parser
 * so that every problem can name its line and column (a tree would have lost them). Every problem is
 * collected, not just the first, and comes back as one line, {@code FILE:line:col: message} (or
 * {@code FILE: message} where there is no place), sorted into file order. The caller checks each
 * element ({@link Element}) and keeps what is valid; this class knows nothing of their fields.
 */
public final class LocatedJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int QUOTE_LIMIT = 40;
  private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  /** Checks one element of the array. The parser stands on its first token; the element must be consumed. */
  @FunctionalInterface
  public interface Element {
    void read(JsonParser p, JsonToken token, int index) throws IOException;
  }

  private record Problem(int line, int column, String message) {}

  private final String name;
  private final List<Problem> problems = new ArrayList<>();

  /** @param name how the problem lines name the file */
  public LocatedJson(String name) {
    this.name = name;
  }

  /**
   * Reads {@code content}: UTF-8 (a byte order mark, which some editors write, is skipped), a JSON
   * array whose elements go one by one to {@code each}, nothing after it.
   *
   * @param empty the problem of a blank file
   * @param notAnArray the problem of a file that holds something else, given what it holds ("an object")
   */
  public void readArray(byte[] content, String empty, Function<String, String> notAnArray, Element each) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      problem(null, "the file is not UTF-8 text");
      return;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      problem(null, empty);
      return;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        problem(p.currentTokenLocation(), notAnArray.apply(describe(first)));
        return;
      }
      int index = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          throw new IllegalStateException("the parser ended inside the array without an error");
        }
        each.read(p, t, index++);
      }
      if (p.nextToken() != null) {
        problem(p.currentTokenLocation(), "unexpected content after the end of the array");
      }
    } catch (JsonProcessingException e) {
      problem(e.getLocation(), "malformed JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      // a String source has no I/O; kept for the parser's signature
      problem(null, "cannot read the file: " + e.getMessage());
    }
  }

  /** A problem at {@code at}; {@code null}, or a location without a line, makes a line without a place. */
  public void problem(JsonLocation at, String message) {
    int line = at == null ? 0 : at.getLineNr();
    int column = at == null ? 0 : at.getColumnNr();
    problems.add(new Problem(Math.max(line, 0), Math.max(column, 0), message));
  }

  /** Every problem found, one line each, in file order (those without a place first); empty when none. */
  public List<String> problems() {
    return problems.stream()
        .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .map(p -> p.line() <= 0 ? name + ": " + p.message() : name + ":" + p.line() + ":" + p.column() + ": " + p.message())
        .toList();
  }

  /**
   * The lines a command prints for a file it refuses: the first {@code listed} problems, then
   * {@code error: N problems in <in> (the first <listed> are listed); nothing was <nothingWas>}, the
   * parenthesis only when some were left out.
   */
  public static List<String> report(List<String> problems, int listed, String in, String nothingWas) {
    List<String> lines = new ArrayList<>(problems.subList(0, Math.min(listed, problems.size())));
    int n = problems.size();
    lines.add("error: " + n + (n == 1 ? " problem" : " problems") + " in " + in
        + (n > listed ? " (the first " + listed + " are listed)" : "") + "; nothing was " + nothingWas);
    return lines;
  }

  /** A value as a message shows it: strings quoted, numbers as written, else its kind. */
  public static String found(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return quote(p.getText());
    }
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getText();
    }
    return describe(value);
  }

  /** The kind of value a token starts: "an object", "a string", "null", ...; "nothing" at the end. */
  public static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  /** Quoted as JSON would, so a stray newline or quote cannot break the one-line message; long values cut. */
  public static String quote(String value) {
    String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + "\"";
  }

  /** Jackson's message on one line, without its note on where the source is ("[Source: REDACTED ...]"). */
  static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    return SOURCE_NOTE.matcher(message).replaceAll("line $1, column $2")
        .replaceAll("\\s*[\\r\\n]+\\s*", " ")
        .strip();
  }
}
