package org.natca.intercom.sandbox.conformance;

import java.util.List;
import java.util.Map;

/**
 * One request and the answer it got, as the conformance check sees them.
 *
 * @param query the raw query string, "" for none
 * @param requestHeaders header names lower case
 * @param status the answer's status
 * @param armedFault the answer is a fault a test armed ({@code failNext}, {@code failMatching}): the test
 *     says Intercom answers so; only its request and its error.list shape are checked
 */
public record Exchange(
    String method,
    String path,
    String query,
    Map<String, List<String>> requestHeaders,
    String requestBody,
    int status,
    Map<String, String> responseHeaders,
    String responseBody,
    boolean armedFault) {

  public Exchange(String method, String path, String query, Map<String, List<String>> requestHeaders, String requestBody,
      int status, Map<String, String> responseHeaders, String responseBody) {
    this(method, path, query, requestHeaders, requestBody, status, responseHeaders, responseBody, false);
  }

  public Exchange {
    requestHeaders = Map.copyOf(requestHeaders);
    responseHeaders = Map.copyOf(responseHeaders);
  }

  String requestHeader(String name) {
    List<String> values = requestHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
