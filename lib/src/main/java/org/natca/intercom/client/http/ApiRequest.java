package org.natca.intercom.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Intercom call: path segments (each one encoded on its own, so an id can never change the path),
 * query parameters, an optional JSON body, and its {@link RequestKind}.
 */
public record ApiRequest(
    String method, List<String> path, Map<String, String> query, JsonNode body, RequestKind kind) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(kind, "kind");
    for (String segment : path) {
      if (segment == null || segment.isEmpty()) {
        throw new IllegalArgumentException("empty path segment in " + path);
      }
    }
    path = List.copyOf(path);
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  public static ApiRequest get(String... path) {
    return new ApiRequest("GET", List.of(path), Map.of(), null, RequestKind.READ);
  }

  public static ApiRequest post(RequestKind kind, JsonNode body, String... path) {
    return new ApiRequest("POST", List.of(path), Map.of(), body, kind);
  }

  public static ApiRequest put(JsonNode body, String... path) {
    return new ApiRequest("PUT", List.of(path), Map.of(), body, RequestKind.IDEMPOTENT_WRITE);
  }

  public static ApiRequest delete(JsonNode body, String... path) {
    return new ApiRequest("DELETE", List.of(path), Map.of(), body, RequestKind.IDEMPOTENT_WRITE);
  }

  public ApiRequest withQuery(String name, String value) {
    Map<String, String> q = new LinkedHashMap<>(query);
    q.put(name, value);
    return new ApiRequest(method, path, q, body, kind);
  }
}
