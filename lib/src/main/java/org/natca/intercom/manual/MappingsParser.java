package org.natca.intercom.manual;

import static org.natca.intercom.input.LocatedJson.describe;
import static org.natca.intercom.input.LocatedJson.found;
import static org.natca.intercom.input.LocatedJson.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.natca.intercom.input.LocatedJson;
import org.natca.intercom.member.MemberNumber;

/**
 * The checks of {@link Mappings}, entry by entry, on {@link LocatedJson} so that every problem names
 * its line and column.
 */
final class MappingsParser {
  /** Intercom's contact ids are 24 hex digits today; letters and digits keep out pasted URLs and emails. */
  private static final Pattern CONTACT_ID = Pattern.compile("[A-Za-z0-9]+");

  private final LocatedJson json;
  private final List<Mapping> mappings = new ArrayList<>();
  private final Map<String, Mapping> byContact = new HashMap<>();
  private final Map<Integer, Mapping> byMember = new HashMap<>();

  MappingsParser(String name) {
    this.json = new LocatedJson(name);
  }

  MappingsFile parse(byte[] content) {
    json.readArray(content, "the file is empty; expected a JSON array such as " + Mappings.EXAMPLE,
        found -> "expected a JSON array of mappings, found " + found + "; the format is " + Mappings.EXAMPLE, this::entry);
    List<String> problems = json.problems();
    return problems.isEmpty() ? new MappingsFile.Valid(mappings) : new MappingsFile.Invalid(problems);
  }

  private void entry(JsonParser p, JsonToken token, int index) throws IOException {
    String at = "entry [" + index + "]: ";
    JsonLocation start = p.currentTokenLocation();
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

  private void problem(JsonLocation at, String message) {
    json.problem(at, message);
  }
}
