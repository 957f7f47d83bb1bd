package org.natca.intercom.sandbox.conformance;

import java.util.List;

/**
 * An exchange that Intercom's description (with {@link Undocumented}) does not allow.
 *
 * @param emulator which emulator saw it (its base URL)
 * @param version the description it was checked against
 * @param problems one line each
 */
public record Violation(String emulator, String version, String method, String path, String query, int status,
    List<String> problems, String requestBody, String responseBody) {

  public Violation {
    problems = List.copyOf(problems);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(path).append(query.isEmpty() ? "" : "?" + query)
        .append(" (Intercom-Version ").append(version).append(", answered ").append(status).append(")");
    for (String p : problems) {
      b.append("\n    - ").append(p);
    }
    if (requestBody != null && !requestBody.isEmpty()) {
      b.append("\n    request:  ").append(excerpt(requestBody));
    }
    if (responseBody != null && !responseBody.isEmpty()) {
      b.append("\n    response: ").append(excerpt(responseBody));
    }
    return b.toString();
  }

  private static String excerpt(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "...";
  }
}
