package org.natca.intercom.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/** Small helpers for answering an exchange of the JDK server. */
final class Exchanges {
  static final ObjectMapper JSON = new ObjectMapper();

  private Exchanges() {}

  /** A JSON answer; HEAD requests get the headers only. */
  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  /** A 405 naming the methods the path takes. */
  static void methodNotAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().set("Allow", allow);
    error(exchange, 405, "method not allowed; use " + allow);
  }

  /** The declared Content-Length, or -1 when there is none (chunked) or it is not a number. */
  static long contentLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** At most {@code max} bytes of the body; more than that returns {@code max + 1} bytes (too long). */
  static byte[] readAtMost(HttpExchange exchange, int max) throws IOException {
    InputStream in = exchange.getRequestBody();
    return in.readNBytes(max + 1);
  }

  /** The client's address, for log lines. */
  static String remote(HttpExchange exchange) {
    InetSocketAddress a = exchange.getRemoteAddress();
    return a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress();
  }
}
