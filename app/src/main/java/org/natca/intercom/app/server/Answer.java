package org.natca.intercom.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link Route} answers: a status, extra headers and a body (JSON unless said otherwise). */
record Answer(int status, Map<String, String> headers, byte[] body, String contentType) {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  static Answer json(int status, Object body) {
    try {
      return new Answer(status, Map.of(), JSON.writeValueAsBytes(body), JSON_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Answer error(int status, String message) {
    return json(status, Map.of("error", message));
  }

  /** A status and no body (HEAD's 200). */
  static Answer empty(int status) {
    return new Answer(status, Map.of(), new byte[0], null);
  }

  /** Any other content type (the status page's HTML, for example). */
  static Answer text(int status, String contentType, String body) {
    return new Answer(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** A 405 naming the methods the path takes. */
  static Answer methodNotAllowed(String allow) {
    return error(405, "method not allowed; use " + allow).with("Allow", allow);
  }

  Answer with(String header, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(header, value);
    return new Answer(status, Map.copyOf(h), body, contentType);
  }
}
