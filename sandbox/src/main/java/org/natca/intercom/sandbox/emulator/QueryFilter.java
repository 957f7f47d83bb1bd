package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Intercom's search query language: filters {@code {field, operator, value}} and groups
 * {@code {operator: AND|OR, value: [...]}}, at most two levels of groups and 15 items a group.
 * Dates compare by UTC day, as Intercom documents; {@code ~ ^ $} ignore case; {@code =} ignores case for email only.
 */
final class QueryFilter {
  private static final Set<String> OPERATORS = Set.of("=", "!=", "IN", "NIN", "~", "!~", "^", "$", ">", "<");
  private static final int MAX_DEPTH = 2;
  private static final int MAX_GROUP = 15;

  private QueryFilter() {}

  /** How a field may be compared. */
  enum Kind { TEXT, DATE, LIST, ANY, /** a contact's tags: {@code =} (carries) and {@code !=} only */ TAG }

  /** A field's value on one item. */
  sealed interface Value permits Text, Date, Num, Bool, Many {
    static Value text(String s, boolean ignoreCase) {
      return s == null ? null : new Text(s, ignoreCase);
    }

    static Value date(Instant at) {
      return at == null ? null : new Date(at.getEpochSecond());
    }

    static Value many(List<String> values) {
      return new Many(values);
    }

    /** A custom attribute value as stored: String, Number or Boolean. */
    static Value of(Object o) {
      if (o == null) {
        return null;
      }
      if (o instanceof Number n) {
        return new Num(n.doubleValue());
      }
      if (o instanceof Boolean b) {
        return new Bool(b);
      }
      return new Text(o.toString(), false);
    }
  }

  record Text(String value, boolean ignoreCase) implements Value {}

  record Date(long epochSecond) implements Value {}

  record Num(double value) implements Value {}

  record Bool(boolean value) implements Value {}

  record Many(List<String> values) implements Value {}

  /** Throws a 400 for anything Intercom would refuse; {@code kinds} answers null for an unknown field. */
  static void validate(JsonNode query, Function<String, Kind> kinds) {
    if (query == null || !query.isObject()) {
      throw ApiError.invalid("query is required and must be an object", "query");
    }
    if (depth(query, kinds) > MAX_DEPTH) {
      throw ApiError.invalid("Search queries support at most " + MAX_DEPTH + " levels of nested AND/OR groups", "query");
    }
  }

  private static int depth(JsonNode q, Function<String, Kind> kinds) {
    if (!q.isObject()) {
      throw ApiError.invalid("Each filter must be an object", "query");
    }
    if (q.has("field")) {
      checkFilter(q, kinds);
      return 0;
    }
    String op = q.path("operator").asText("");
    if (!op.equals("AND") && !op.equals("OR")) {
      throw ApiError.invalid("A group operator must be AND or OR, got '" + op + "'", "query.operator");
    }
    JsonNode items = q.get("value");
    if (items == null || !items.isArray() || items.isEmpty()) {
      throw ApiError.invalid("A group needs a non-empty array of filters", "query.value");
    }
    if (items.size() > MAX_GROUP) {
      throw ApiError.invalid("A group may hold at most " + MAX_GROUP + " filters, got " + items.size(), "query.value");
    }
    int deepest = 0;
    for (JsonNode item : items) {
      deepest = Math.max(deepest, depth(item, kinds));
    }
    return deepest + 1;
  }

  private static void checkFilter(JsonNode q, Function<String, Kind> kinds) {
    String field = q.path("field").asText("");
    String op = q.path("operator").asText("");
    Kind kind = kinds.apply(field);
    if (kind == null) {
      throw ApiError.invalid("'" + field + "' is not a searchable field", "query.field");
    }
    if (!OPERATORS.contains(op)) {
      throw ApiError.invalid("'" + op + "' is not a valid operator", "query.operator");
    }
    if (!q.has("value")) {
      throw ApiError.invalid("A filter needs a value", "query.value");
    }
    JsonNode value = q.get("value");
    boolean list = op.equals("IN") || op.equals("NIN");
    if (list != value.isArray() || value.isObject()) {
      throw ApiError.invalid(list ? op + " needs an array of values" : op + " needs a single value", "query.value");
    }
    if (kind == Kind.TAG && !op.equals("=") && !op.equals("!=")) {
      throw ApiError.invalid("Searching by " + field + " supports only the = and != operators", "query.operator");
    }
    boolean ordering = op.equals(">") || op.equals("<");
    boolean textual = op.contains("~") || op.equals("^") || op.equals("$");
    if (ordering && (kind == Kind.TEXT || kind == Kind.LIST) || textual && (kind == Kind.DATE || kind == Kind.LIST)) {
      throw ApiError.invalid("Operator '" + op + "' cannot be used with " + field, "query.operator");
    }
    if (kind == Kind.DATE) {
      for (JsonNode v : list ? value : List.of(value)) {
        if (number(v) == null) {
          throw ApiError.invalid(field + " takes a UNIX timestamp", "query.value");
        }
      }
    }
  }

  static <T> boolean matches(JsonNode q, T item, BiFunction<T, String, Value> fields) {
    if (q.has("field")) {
      return filter(q.get("operator").asText(), fields.apply(item, q.get("field").asText()), q.get("value"));
    }
    boolean and = q.get("operator").asText().equals("AND");
    for (JsonNode child : q.get("value")) {
      boolean r = matches(child, item, fields);
      if (and != r) {
        return r;
      }
    }
    return and;
  }

  /**
   * Ids that can possibly match, from an index lookup of {@code field = value} filters, or null when the query
   * has no indexable filter and everything must be scanned. {@code lookup} answers null for a field it has no index for.
   */
  static Set<String> candidates(JsonNode q, BiFunction<String, String, Set<String>> lookup) {
    if (q.has("field")) {
      String op = q.get("operator").asText();
      JsonNode value = q.get("value");
      if (op.equals("=") && value.isValueNode() && !value.isNull()) {
        return lookup.apply(q.get("field").asText(), value.asText());
      }
      if (op.equals("IN")) {
        Set<String> all = new HashSet<>();
        for (JsonNode v : value) {
          Set<String> some = v.isNull() ? null : lookup.apply(q.get("field").asText(), v.asText());
          if (some == null) {
            return null;
          }
          all.addAll(some);
        }
        return all;
      }
      return null;
    }
    boolean and = q.get("operator").asText().equals("AND");
    Set<String> union = new HashSet<>();
    for (JsonNode child : q.get("value")) {
      Set<String> c = candidates(child, lookup);
      if (and && c != null) {
        return c;
      }
      if (!and) {
        if (c == null) {
          return null;
        }
        union.addAll(c);
      }
    }
    return and ? null : union;
  }

  private static boolean filter(String op, Value v, JsonNode x) {
    switch (op) {
      case "=":
        return eq(v, x);
      case "!=":
        return !eq(v, x);
      case "IN":
        for (JsonNode each : x) {
          if (eq(v, each)) {
            return true;
          }
        }
        return false;
      case "NIN":
        for (JsonNode each : x) {
          if (eq(v, each)) {
            return false;
          }
        }
        return true;
      case "~":
        return text(v, x, (a, b) -> a.contains(b));
      case "!~":
        return !text(v, x, (a, b) -> a.contains(b));
      case "^":
        return text(v, x, (a, b) -> a.startsWith(b));
      case "$":
        return text(v, x, (a, b) -> a.endsWith(b));
      case ">":
        return compare(v, x) > 0;
      default:
        int c = compare(v, x);
        return c != Integer.MIN_VALUE && c < 0;
    }
  }

  private static boolean eq(Value v, JsonNode x) {
    if (x == null || x.isNull()) {
      return v == null;
    }
    if (v == null) {
      return false;
    }
    if (v instanceof Text t) {
      return t.ignoreCase() ? t.value().equalsIgnoreCase(x.asText()) : t.value().equals(x.asText());
    }
    if (v instanceof Date d) {
      Long n = number(x);
      return n != null && day(d.epochSecond()) == day(n);
    }
    if (v instanceof Num n) {
      Double other = decimal(x);
      return other != null ? other == n.value() : x.asText().equals(Double.toString(n.value()));
    }
    if (v instanceof Bool b) {
      return x.isBoolean() ? x.asBoolean() == b.value() : x.asText().equals(Boolean.toString(b.value()));
    }
    return ((Many) v).values().contains(x.asText());
  }

  private static boolean text(Value v, JsonNode x, BiFunction<String, String, Boolean> test) {
    if (!(v instanceof Text t) || x == null || x.isNull()) {
      return false;
    }
    return test.apply(t.value().toLowerCase(Locale.ROOT), x.asText().toLowerCase(Locale.ROOT));
  }

  /** Sign of (field - value), or Integer.MIN_VALUE when the two cannot be ordered. */
  private static int compare(Value v, JsonNode x) {
    if (v instanceof Date d) {
      Long n = number(x);
      return n == null ? Integer.MIN_VALUE : Long.compare(day(d.epochSecond()), day(n));
    }
    Double other = decimal(x);
    if (other == null) {
      return Integer.MIN_VALUE;
    }
    if (v instanceof Num n) {
      return Double.compare(n.value(), other);
    }
    if (v instanceof Text t) {
      try {
        return Double.compare(Double.parseDouble(t.value()), other);
      } catch (NumberFormatException e) {
        return Integer.MIN_VALUE;
      }
    }
    return Integer.MIN_VALUE;
  }

  private static long day(long epochSecond) {
    return Math.floorDiv(epochSecond, 86_400L);
  }

  private static Long number(JsonNode x) {
    if (x == null) {
      return null;
    }
    if (x.isIntegralNumber()) {
      return x.asLong();
    }
    if (x.isTextual()) {
      try {
        return Long.parseLong(x.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Double decimal(JsonNode x) {
    if (x == null) {
      return null;
    }
    if (x.isNumber()) {
      return x.asDouble();
    }
    if (x.isTextual()) {
      try {
        return Double.parseDouble(x.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
