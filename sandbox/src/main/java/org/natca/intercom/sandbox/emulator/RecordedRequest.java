package org.natca.intercom.sandbox.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the emulator received. {@code status} is what was (or, when {@code dropped} after
 * applying, would have been) answered; 0 when the connection was dropped before the request was applied.
 * Header names are lower case.
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    String body,
    Map<String, List<String>> headers,
    int status,
    boolean dropped,
    Instant receivedAt,
    String requestId) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** POST (except the two search endpoints), PUT and DELETE change state. */
  public boolean isWrite() {
    return switch (method) {
      case "PUT", "DELETE", "PATCH" -> true;
      case "POST" -> !path.equals("/contacts/search") && !path.equals("/conversations/search");
      default -> false;
    };
  }

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
