package org.natca.intercom.client.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The one place where HTTP answers (or their absence) become {@link IntercomException}s. */
public final class ErrorMapper {

  // Intercom's messages may echo what we sent; a phone number must not reach a log line.
  private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ().-]{5,}\\d|\\b\\d{10,}\\b");
  private static final int MAX_SNIPPET = 200;

  private final ObjectMapper json;

  public ErrorMapper(ObjectMapper json) {
    this.json = json;
  }

  /** An error answer (4xx, 5xx, or a 429 that is not retried any more is {@link #rateLimited}). */
  public IntercomException fromResponse(
      String method, String path, int status, String body, String requestIdHeader) {
    Parsed p = parse(body, requestIdHeader);
    return new IntercomException(line(method, path, status, p, body), status, p.requestId, p.errors);
  }

  /** A success status whose body is not the JSON it should be (a proxy's page, a cut-off body). */
  public IntercomException unreadable(
      String method, String path, int status, String requestIdHeader, Exception cause) {
    String message = method + " " + path + " -> " + status + ": answer is not readable JSON"
        + (requestIdHeader == null ? "" : " [request_id " + requestIdHeader + "]");
    return new IntercomException(message, status, requestIdHeader, List.of(), cause);
  }

  public IntercomRateLimitException rateLimited(
      String method, String path, String body, String requestIdHeader, Instant resetAt, int waits) {
    Parsed p = parse(body, requestIdHeader);
    String message =
        line(method, path, 429, p, body)
            + " (still limited after " + waits + " waits; resets at " + resetAt + ")";
    return new IntercomRateLimitException(message, p.requestId, p.errors, resetAt);
  }

  /**
   * No answer. {@code mayHaveBeenApplied} is set when a write was sent and then lost, so a caller
   * (and the person reading the log) knows the change may have happened anyway.
   */
  public IntercomUnreachableException unreachable(
      String method, String path, String host, int port, Exception cause, int attempts,
      boolean mayHaveBeenApplied) {
    StringBuilder m = new StringBuilder();
    m.append(method).append(' ').append(path).append(": no answer from ").append(host).append(':').append(port)
        .append(" (").append(describe(cause)).append(')');
    if (attempts > 1) {
      m.append(" after ").append(attempts).append(" attempts");
    }
    if (mayHaveBeenApplied) {
      m.append("; not retried, the request may have been applied");
    }
    return new IntercomUnreachableException(m.toString(), cause);
  }

  private static String describe(Exception cause) {
    String msg = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? kind : kind + ": " + redact(oneLine(msg));
  }

  private String line(String method, String path, int status, Parsed p, String body) {
    StringBuilder m = new StringBuilder();
    m.append(method).append(' ').append(path).append(" -> ").append(status);
    if (!p.errors.isEmpty()) {
      ErrorDetail first = p.errors.get(0);
      if (first.code() != null) {
        m.append(' ').append(first.code());
      }
      List<String> messages = new ArrayList<>();
      for (ErrorDetail e : p.errors) {
        if (e.message() != null && !e.message().isBlank()) {
          messages.add(e.field() == null ? e.message() : e.field() + ": " + e.message());
        }
      }
      if (!messages.isEmpty()) {
        m.append(": ").append(redact(oneLine(String.join("; ", messages))));
      }
    } else if (body != null && !body.isBlank()) {
      String snippet = oneLine(body);
      if (snippet.length() > MAX_SNIPPET) {
        snippet = snippet.substring(0, MAX_SNIPPET) + "...";
      }
      m.append(": ").append(redact(snippet));
    }
    if (p.requestId != null) {
      m.append(" [request_id ").append(p.requestId).append(']');
    }
    return m.toString();
  }

  private Parsed parse(String body, String requestIdHeader) {
    List<ErrorDetail> errors = new ArrayList<>();
    String requestId = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode root = json.readTree(body);
        if (root != null && root.isObject()) {
          requestId = text(root, "request_id");
          JsonNode list = root.path("errors");
          if (list.isArray()) {
            for (JsonNode e : list) {
              errors.add(new ErrorDetail(text(e, "code"), text(e, "message"), text(e, "field")));
            }
          } else if (root.has("message") || root.has("code")) {
            errors.add(new ErrorDetail(text(root, "code"), text(root, "message"), null));
          }
        }
      } catch (IOException notJson) {
        // An HTML page from a proxy, say: the message carries a snippet instead.
      }
    }
    return new Parsed(requestId != null ? requestId : requestIdHeader, errors);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  static String redact(String s) {
    return PHONE.matcher(s).replaceAll("<redacted>");
  }

  private record Parsed(String requestId, List<ErrorDetail> errors) {}
}
