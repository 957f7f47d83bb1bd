package org.natca.intercom.manual;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.natca.intercom.member.MemberNumber;

/**
 * The checks of {@link Mappings}, on a streaming parser so that every problem can name its line and
 * column (a tree would have lost them). Collects all problems, then sorts them into file order.
 */
final class MappingsParser {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Intercom's contact ids are 24 hex digits today; letters and digits keep out pasted URLs and emails. */
  private static final Pattern CONTACT_ID = Pattern.compile("[A-Za-z0-9]+");
  private static final int QUOTE_LIMIT = 40;
  private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  private record Problem(int line, int column, String message) {}

  private final String name;
  private final String text;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Mapping> mappings = new ArrayList<>();
  private final Map<String, Mapping> byContact = new HashMap<>();
  private final Map<Integer, Mapping> byMember = new HashMap<>();

  MappingsParser(String name, String text) {
    this.name = name;
    this.text = text;
  }

  MappingsFile parse() {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        problem(p.currentTokenLocation(), "expected a JSON array of mappings, found " + describe(first)
            + "; the format is " + Mappings.EXAMPLE);
        return result();
      }
      int index = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        entry(p, t, index++);
      }
      if (p.nextToken() != null) {
        problem(p.currentTokenLocation(), "unexpected content after the end of the array");
      }
    } catch (JsonProcessingException e) {
      problem(e.getLocation(), "malformed JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      // a String source has no I/O; kept for the parser's signature
      problems.add(new Problem(0, 0, "cannot read the file: " + e.getMessage()));
    }
    return result();
  }

  private MappingsFile result() {
    if (problems.isEmpty()) {
      return new MappingsFile.Valid(mappings);
    }
    List<String> lines = problems.stream()
        .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .map(this::format)
        .toList();
    return new MappingsFile.Invalid(lines);
  }

  private String format(Problem p) {
    if (p.line() <= 0) {
      return name + ": " + p.message();
    }
    return name + ":" + p.line() + ":" + p.column() + ": " + p.message();
  }

  private void entry(JsonParser p, JsonToken token, int index) throws IOException {
    String at = "entry [" + index + "]: ";
    JsonLocation start = p.currentTokenLocation();
    if (token == null) {
      throw new IllegalStateException("the parser ended inside the array without an error");
    }
    if (token != JsonToken.START_OBJECT) {
      problem(start, at + "expected an object with \"" + Mappings.CONTACT_ID + "\" and \"" + Mappings.MEMBER_NUMBER
          + "\", found " + describe(token));
      p.skipChildren();
      return;
    }
    Set<String> keys = new HashSet<>();
    String contactId = null;
    Integer memberNumber = null;
    JsonLocation contactAt = null;
    JsonLocation memberAt = null;
    boolean valid = true;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      JsonToken value = p.nextToken();
      JsonLocation valueAt = p.currentTokenLocation();
      if (!keys.add(key)) {
        problem(keyAt, at + quote(key) + " is given twice");
        valid = false;
      } else if (Mappings.CONTACT_ID.equals(key)) {
        contactId = contactId(p, value, valueAt, at);
        contactAt = valueAt;
        valid &= contactId != null;
      } else if (Mappings.MEMBER_NUMBER.equals(key)) {
        memberNumber = memberNumber(p, value, valueAt, at);
        memberAt = valueAt;
        valid &= memberNumber != null;
      } else if (Mappings.NOTE.equals(key)) {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
          problem(valueAt, at + "\"" + Mappings.NOTE + "\" must be a string, found " + describe(value));
          valid = false;
        }
      } else {
        problem(keyAt, at + "unknown key " + quote(key) + "; an entry has \"" + Mappings.CONTACT_ID + "\", \""
            + Mappings.MEMBER_NUMBER + "\" and optionally \"" + Mappings.NOTE + "\"");
        valid = false;
      }
      p.skipChildren();
    }
    if (!keys.contains(Mappings.CONTACT_ID)) {
      problem(start, at + "\"" + Mappings.CONTACT_ID + "\" is missing");
    }
    if (!keys.contains(Mappings.MEMBER_NUMBER)) {
      problem(start, at + "\"" + Mappings.MEMBER_NUMBER + "\" is missing");
    }
    if (contactId == null || memberNumber == null) {
      return;
    }
    Mapping mapping = new Mapping(index, start.getLineNr(), contactId, memberNumber);
    Mapping sameContact = byContact.putIfAbsent(contactId, mapping);
    Mapping sameMember = byMember.putIfAbsent(memberNumber, mapping);
    if (sameContact != null && sameContact == sameMember) {
      problem(contactAt, at + "repeats " + sameContact.where());
      return;
    }
    if (sameContact != null) {
      problem(contactAt, at + "contact " + contactId + " is already mapped by " + sameContact.where() + " to member "
          + sameContact.memberNumber() + "; a contact can be only one member");
    }
    if (sameMember != null) {
      problem(memberAt, at + "member " + memberNumber + " is already mapped by " + sameMember.where() + " to contact "
          + sameMember.contactId() + "; a member has one contact");
    }
    if (valid && sameContact == null && sameMember == null) {
      mappings.add(mapping);
    }
  }

  private String contactId(JsonParser p, JsonToken value, JsonLocation at, String entry) throws IOException {
    String key = "\"" + Mappings.CONTACT_ID + "\"";
    if (value != JsonToken.VALUE_STRING) {
      problem(at, entry + key + " must be the contact's id as a string, found " + describe(value));
      return null;
    }
    String id = p.getText().strip();
    if (id.isEmpty()) {
      problem(at, entry + key + " is blank");
      return null;
    }
    if (!CONTACT_ID.matcher(id).matches()) {
      problem(at, entry + key + " " + quote(id) + " is not an Intercom contact id (letters and digits, like 67eb0a6e8f72a828ba21c342)");
      return null;
    }
    return id;
  }

  private Integer memberNumber(JsonParser p, JsonToken value, JsonLocation at, String entry) throws IOException {
    String key = "\"" + Mappings.MEMBER_NUMBER + "\"";
    String digits;
    if (value == JsonToken.VALUE_NUMBER_INT) {
      digits = p.getText();
    } else if (value == JsonToken.VALUE_STRING) {
      digits = p.getText().strip();
      if (digits.isEmpty()) {
        problem(at, entry + key + " is blank");
        return null;
      }
    } else {
      problem(at, entry + key + " must be digits (12345 or \"12345\"), found " + found(p, value));
      return null;
    }
    MemberNumber.Reading r = MemberNumber.read(digits);
    if (r instanceof MemberNumber.Valid v) {
      return v.number().value();
    }
    if (r instanceof MemberNumber.TooLarge) {
      problem(at, entry + key + " " + digits + " is too large for a member number");
    } else {
      problem(at, entry + key + " must be digits (12345 or \"12345\"), found " + found(p, value));
    }
    return null;
  }

  /** A value as the message shows it: strings quoted, numbers as written, else its kind. */
  private static String found(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return quote(p.getText());
    }
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getText();
    }
    return describe(value);
  }

  private static String describe(JsonToken token) {
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
  private static String quote(String value) {
    String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + "\"";
  }

  /** Jackson's message on one line, without its note on where the source is ("[Source: REDACTED ...]"). */
  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    return SOURCE_NOTE.matcher(message).replaceAll("line $1, column $2")
        .replaceAll("\\s*[\\r\\n]+\\s*", " ")
        .strip();
  }

  private void problem(JsonLocation at, String message) {
    int line = at == null ? 0 : at.getLineNr();
    int column = at == null ? 0 : at.getColumnNr();
    problems.add(new Problem(Math.max(line, 0), Math.max(column, 0), message));
  }
}
