package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client over java.net.http for the emulator's tests. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String baseUrl;
  private final String token;
  private final String version;

  Http(IntercomEmulator emulator) {
    this(emulator.baseUrl(), emulator.token());
  }

  Http(String baseUrl, String token) {
    this(baseUrl, token, "2.14");
  }

  private Http(String baseUrl, String token, String version) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.version = version;
  }

  /** The same client sending {@code Intercom-Version: version}. */
  Http version(String value) {
    return new Http(baseUrl, token, value);
  }

  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String errorCode() {
      return body.path("errors").path(0).path("code").asText(null);
    }

    String errorMessage() {
      return body.path("errors").path(0).path("message").asText(null);
    }
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, Object body) {
    return send("POST", path, body);
  }

  Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  Response delete(String path, Object body) {
    return send("DELETE", path, body);
  }

  Response send(String method, String path, Object body) {
    try {
      return sendOrThrow(method, path, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lets a dropped connection surface as the IOException a real client would see. */
  Response sendOrThrow(String method, String path, Object body) throws IOException {
    try {
      String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .timeout(Duration.ofSeconds(20))
          .header("Accept", "application/json")
          .header("Intercom-Version", version)
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (json != null) {
        b.header("Content-Type", "application/json");
      }
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
      return new Response(r.statusCode(), parsed, r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
