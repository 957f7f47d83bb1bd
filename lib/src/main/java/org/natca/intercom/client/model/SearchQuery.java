package org.natca.intercom.client.model;

import java.util.List;

/**
 * A search query for POST /contacts/search or /conversations/search: a single filter or a group.
 * Intercom allows two levels of nesting and 15 filters a group; a group holds only filters or only
 * groups (the description's {@code oneOf}). {@link Group} checks both.
 */
public sealed interface SearchQuery permits SearchQuery.Filter, SearchQuery.Group {

  /** {@code {"field": ..., "operator": ..., "value": ...}}; value is a String, Number, Boolean or null. */
  record Filter(String field, String operator, Object value) implements SearchQuery {}

  /** {@code {"operator": "AND"|"OR", "value": [...]}}. */
  record Group(String operator, List<SearchQuery> value) implements SearchQuery {
    public Group {
      if (!"AND".equals(operator) && !"OR".equals(operator)) {
        throw new IllegalArgumentException("group operator must be AND or OR: " + operator);
      }
      value = List.copyOf(value);
      if (value.isEmpty() || value.size() > 15) {
        throw new IllegalArgumentException("a search group takes 1 to 15 filters, got " + value.size());
      }
      long groups = value.stream().filter(q -> q instanceof Group).count();
      if (groups != 0 && groups != value.size()) {
        throw new IllegalArgumentException("a search group holds only filters or only groups, not both");
      }
    }
  }

  static Filter eq(String field, Object value) {
    return new Filter(field, "=", value);
  }

  /** {@code field IN [values]}. */
  static Filter in(String field, List<?> values) {
    return new Filter(field, "IN", List.copyOf(values));
  }

  static Group and(SearchQuery... parts) {
    return new Group("AND", List.of(parts));
  }

  static Group or(SearchQuery... parts) {
    return new Group("OR", List.of(parts));
  }
}
