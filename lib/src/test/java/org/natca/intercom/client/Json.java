package org.natca.intercom.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Small helpers for building answers and reading recorded requests. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode body(RecordedRequest r) {
    try {
      return MAPPER.readTree(r.getBody().utf8());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Single quotes stand for double quotes, to keep JSON in Java strings readable. */
  public static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  public static MockResponse ok(String singleQuotedJson) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(q(singleQuotedJson))
        .build();
  }

  public static MockResponse status(int code, String singleQuotedJson) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(q(singleQuotedJson))
        .build();
  }

  public static MockResponse error(int code, String errorCode, String message) {
    return status(code, "{'type':'error.list','request_id':'req-" + code + "','errors':[{'code':'"
        + errorCode + "','message':'" + message + "'}]}");
  }

  public static String contact(String id) {
    return "{'type':'contact','id':'" + id + "','role':'user','email':'" + id + "@example.org'}";
  }
}
