package org.natca.intercom.tags;

import static org.natca.intercom.input.LocatedJson.describe;
import static org.natca.intercom.input.LocatedJson.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.input.LocatedJson;

/**
 * The checks of {@link TagRules}, rule by rule, on {@link LocatedJson} so that every problem names its
 * line and column, as the mappings file does.
 */
final class TagRulesParser {
  /** A selector as found in one rule, before the rule is known to have exactly one. */
  private record Found(String key, JsonLocation at, Selector selector) {}

  private final String name;
  private final LocatedJson json;
  private final List<TagRule> rules = new ArrayList<>();
  /** Lower-cased tag name to where it was first given. */
  private final Map<String, String> byTag = new HashMap<>();

  TagRulesParser(String name) {
    this.name = name;
    this.json = new LocatedJson(name);
  }

  TagRulesFile parse(byte[] content) {
    json.readArray(content, "the file is empty; expected a JSON array of rules such as " + TagRules.EXAMPLE,
        found -> "expected a JSON array of rules, found " + found + "; the format is " + TagRules.EXAMPLE, this::rule);
    List<String> problems = json.problems();
    return problems.isEmpty() ? new TagRulesFile.Valid(name, rules) : new TagRulesFile.Invalid(problems);
  }

  private void rule(JsonParser p, JsonToken token, int index) throws IOException {
    String at = "rule [" + index + "]: ";
    JsonLocation start = p.currentTokenLocation();
    if (token != JsonToken.START_OBJECT) {
      problem(start, at + "expected an object such as {\"tag\": \"NATCA member\", \"all\": true}, found " + describe(token));
      p.skipChildren();
      return;
    }
    Set<String> keys = new HashSet<>();
    String tag = null;
    JsonLocation tagAt = null;
    boolean valid = true;
    List<Found> selectors = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      JsonToken value = p.nextToken();
      JsonLocation valueAt = p.currentTokenLocation();
      if (!keys.add(key)) {
        problem(keyAt, at + quote(key) + " is given twice");
        valid = false;
        p.skipChildren();
      } else if (TagRules.TAG.equals(key)) {
        tag = tagName(p, value, valueAt, at);
        tagAt = valueAt;
        valid &= tag != null;
      } else if (TagRules.NOTE.equals(key)) {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
          problem(valueAt, at + "\"note\" must be a string, found " + describe(value));
          valid = false;
        }
        p.skipChildren();
      } else if (TagRules.SELECTORS.contains(key)) {
        Selector s = selector(p, key, value, valueAt, at);
        selectors.add(new Found(key, valueAt, s));
        valid &= s != null;
      } else {
        problem(keyAt, at + "unknown key " + quote(key) + "; a rule has \"tag\", one of "
            + String.join(", ", TagRules.SELECTORS) + ", and optionally \"note\"");
        valid = false;
        p.skipChildren();
      }
    }
    if (tag != null) {
      String earlier = byTag.putIfAbsent(tag.toLowerCase(Locale.ROOT), "rule [" + index + "] (line " + tagAt.getLineNr() + ")");
      if (earlier != null) {
        problem(tagAt, at + "tag " + quote(tag) + " is already kept by " + earlier
            + "; one rule per tag (names ignore case, as in Intercom): combine them into one sql rule");
        valid = false;
      }
    }
    if (!keys.contains(TagRules.TAG)) {
      problem(start, at + "\"tag\" is missing: the name of the Intercom tag the rule keeps");
      valid = false;
    }
    if (selectors.isEmpty()) {
      problem(start, at + "no selector: give one of " + String.join(", ", TagRules.SELECTORS));
      return;
    }
    if (selectors.size() > 1) {
      problem(selectors.get(1).at(), at + "two selectors (" + String.join(" and ", selectors.stream().map(Found::key).toList())
          + "); a rule has exactly one: write one rule per selector, each with its own tag");
      return;
    }
    if (!valid || tag == null) {
      return;
    }
    Found only = selectors.get(0);
    rules.add(new TagRule(index, only.at().getLineNr(), only.at().getColumnNr(), tag, only.selector()));
  }

  private String tagName(JsonParser p, JsonToken value, JsonLocation at, String rule) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      problem(at, rule + "\"tag\" must be the tag's name as a string, found " + describe(value));
      p.skipChildren();
      return null;
    }
    String tag = p.getText().strip();
    if (tag.isEmpty()) {
      problem(at, rule + "\"tag\" is empty");
      return null;
    }
    return tag;
  }

  private Selector selector(JsonParser p, String key, JsonToken value, JsonLocation at, String rule) throws IOException {
    String k = "\"" + key + "\"";
    if (TagRules.ALL.equals(key)) {
      if (value != JsonToken.VALUE_TRUE) {
        problem(at, rule + k + " must be true (it selects every member daily-sync syncs), found " + found(p, value));
        p.skipChildren();
        return null;
      }
      return new Selector.All();
    }
    if (TagRules.SQL.equals(key)) {
      if (value != JsonToken.VALUE_STRING) {
        problem(at, rule + k + " must be a query as a string, found " + describe(value));
        p.skipChildren();
        return null;
      }
      String sql = p.getText().strip();
      while (sql.endsWith(";")) {
        sql = sql.substring(0, sql.length() - 1).strip();
      }
      if (sql.isEmpty()) {
        problem(at, rule + k + " is empty");
        return null;
      }
      if (sql.indexOf(';') >= 0) {
        problem(at, rule + k + " must be one statement; it has a ';' inside");
        return null;
      }
      return new Selector.Sql(sql);
    }
    if (value != JsonToken.START_ARRAY) {
      problem(at, rule + k + " must be an array of strings such as [\"" + example(key) + "\"], found " + found(p, value));
      p.skipChildren();
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    boolean ok = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      JsonLocation itemAt = p.currentTokenLocation();
      if (t != JsonToken.VALUE_STRING) {
        problem(itemAt, rule + k + " holds " + found(p, t) + "; it must hold strings only");
        p.skipChildren();
        ok = false;
      } else if (p.getText().isBlank()) {
        problem(itemAt, rule + k + " holds an empty string");
        ok = false;
      } else {
        values.add(p.getText().strip());
      }
    }
    if (ok && values.isEmpty()) {
      problem(at, rule + k + " is empty: it would select no one");
      return null;
    }
    return ok ? new Selector.Values(key, values) : null;
  }

  private static String example(String key) {
    switch (key) {
      case "positions":
        return "facrep";
      case "status":
        return "Retired";
      case "member_type":
        return "Current Member";
      case "region":
        return "NEA";
      default:
        return "ZBW";
    }
  }

  /** As {@link LocatedJson#found}, but true and false as written. */
  private static String found(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_FALSE || value == JsonToken.VALUE_TRUE) {
      return p.getText();
    }
    return LocatedJson.found(p, value);
  }

  private void problem(JsonLocation at, String message) {
    json.problem(at, message);
  }
}
