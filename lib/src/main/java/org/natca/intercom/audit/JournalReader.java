package org.natca.intercom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a journal for {@code audit --undo}, all of it before anything is undone: a line that is not a
 * journal entry stops the undo with a {@link JournalException} naming the file and line (exit 2).
 */
public final class JournalReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JournalReader() {}

  /**
   * The entries in the order they were first journaled, each as its last line says (lines sharing a
   * {@code seq} are one write: intended, then its outcome); a write left {@code intended} reads as
   * {@code unknown}. Header and blank lines are skipped.
   */
  public static List<JournalEntry> read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new JournalException("the journal " + path + " does not exist");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new JournalException("the journal " + path + " cannot be read: " + e.getMessage(), e);
    }
    java.util.LinkedHashMap<Object, JournalEntry> entries = new java.util.LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = MAPPER.readTree(line);
        if (n == null || !n.isObject()) {
          throw new Malformed("not a JSON object");
        }
        if (n.has(Journal.HEADER_KEY)) {
          if (!Journal.HEADER_VALUE.equals(n.get(Journal.HEADER_KEY).asText())
              || !Journal.READABLE_VERSIONS.contains(n.path("version").asInt(0))) {
            throw new Malformed("not a version " + Journal.READABLE_VERSIONS + " audit journal header");
          }
          continue;
        }
        JsonNode seq = n.get("seq");
        if (seq != null && !seq.canConvertToLong()) {
          throw new Malformed("\"seq\" is not a number");
        }
        // without seq (version 1) every line is a write of its own
        Object key = seq == null ? "line " + i : seq.asLong();
        entries.put(key, entry(n));
      } catch (JsonProcessingException e) {
        throw malformed(path, i + 1, "not JSON (" + e.getOriginalMessage() + ")");
      } catch (Malformed e) {
        throw malformed(path, i + 1, e.getMessage());
      }
    }
    List<JournalEntry> out = new ArrayList<>();
    for (JournalEntry e : entries.values()) {
      out.add(e.outcome().equals(JournalEntry.INTENDED) ? e.withOutcome(JournalEntry.UNKNOWN) : e);
    }
    return out;
  }

  private static JournalEntry entry(JsonNode n) throws Malformed {
    String action = text(n, "action", true);
    if (!JournalEntry.ACTIONS.contains(action)) {
      throw new Malformed("unknown action '" + action + "'");
    }
    boolean attribute = action.equals(JournalEntry.CREATE_ATTRIBUTE);
    String outcome = text(n, "outcome", false);
    if (outcome != null && !JournalEntry.OUTCOMES.contains(outcome)) {
      throw new Malformed("unknown outcome '" + outcome + "'");
    }
    // a create has its contact's id only once Intercom confirmed it
    boolean unconfirmedCreate = action.equals(JournalEntry.CREATE) && outcome != null && !outcome.equals(JournalEntry.DONE);
    String contactId = text(n, "contactId", !attribute && !unconfirmedCreate);
    Instant time;
    try {
      time = Instant.parse(text(n, "time", true));
    } catch (DateTimeParseException e) {
      throw new Malformed("\"time\" is not an ISO-8601 instant");
    }
    JsonNode member = n.path("memberNumber");
    if (!member.isMissingNode() && !member.isNull() && !member.canConvertToInt()) {
      throw new Malformed("\"memberNumber\" is not a number");
    }
    JsonNode undoable = n.get("undoable");
    if (undoable == null || !undoable.isBoolean()) {
      throw new Malformed("\"undoable\" must be true or false");
    }
    Map<String, Object> before = object(n, "before");
    Map<String, Object> after = object(n, "after");
    if (undoable.asBoolean() && action.equals(JournalEntry.UPDATE) && (before == null || after == null)) {
      throw new Malformed("an undoable update needs \"before\" and \"after\" objects");
    }
    if (attribute && (after == null || !(after.get("name") instanceof String))) {
      throw new Malformed("a create-attribute entry needs \"after\": {\"name\": ...}");
    }
    if (after != null && after.containsKey("custom_attributes") && !(after.get("custom_attributes") instanceof Map)) {
      throw new Malformed("\"after.custom_attributes\" is not an object");
    }
    return new JournalEntry(time, action, contactId, member.isNumber() ? member.asInt() : null,
        text(n, "reason", false), undoable.asBoolean(), outcome == null ? JournalEntry.DONE : outcome, before, after);
  }

  private static String text(JsonNode n, String field, boolean required) throws Malformed {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Malformed("\"" + field + "\" is missing");
      }
      return null;
    }
    if (!v.isTextual() || (required && v.asText().isBlank())) {
      throw new Malformed("\"" + field + "\" is not a" + (required ? " non-empty" : "") + " string");
    }
    return v.asText();
  }

  private static Map<String, Object> object(JsonNode n, String field) throws Malformed {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new Malformed("\"" + field + "\" is not an object");
    }
    return MAPPER.convertValue(v, MAP);
  }

  private static JournalException malformed(Path path, int line, String why) {
    return new JournalException("the journal " + path + " is malformed at line " + line + ": " + why
        + "; nothing was undone");
  }

  /** A line that is JSON but not a journal entry. */
  private static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
