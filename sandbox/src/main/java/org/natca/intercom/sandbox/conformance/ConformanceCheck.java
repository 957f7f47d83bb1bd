package org.natca.intercom.sandbox.conformance;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one exchange against the published description of the API version the request asked for
 * ({@code Intercom-Version}; the workspace default when absent): the request (path, method, headers,
 * query, body) and the answer (status, body). An error answer the description does not list passes only
 * when {@link Undocumented} names it, and then it must still be an Intercom {@code error.list}.
 */
public final class ConformanceCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UNEXPECTED_QUERY = Pattern.compile("Query parameter '([^']*)' is unexpected");

  private final String defaultVersion;

  /** @param defaultVersion the version a request without {@code Intercom-Version} gets (the app's default) */
  public ConformanceCheck(String defaultVersion) {
    ApiDescription.of(defaultVersion); // fail at once on a version without a description; parses it ahead
    this.defaultVersion = defaultVersion;
  }

  /** The version the exchange is checked against. */
  public String versionOf(Exchange e) {
    String v = e.requestHeader("Intercom-Version");
    return v == null || v.isBlank() ? defaultVersion : v.trim();
  }

  /** What does not conform, one line each; empty when the exchange conforms. */
  public List<String> problems(Exchange e) {
    String version = versionOf(e);
    if (!ApiDescription.VERSIONS.contains(version)) {
      return List.of("Intercom-Version " + version + " has no published description here (checked: "
          + ApiDescription.VERSIONS + ")");
    }
    ApiDescription description = ApiDescription.of(version);
    Request request = request(e);
    // status 0: the connection was dropped before an answer; only the request can be checked
    ValidationReport report = e.status() == 0
        ? description.validator().validateRequest(request)
        : description.validator().validate(request, response(e));
    List<String> out = new ArrayList<>();
    for (Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      String template = m.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
          .map(op -> op.getApiPath().original()).orElse(null);
      if (m.getKey().equals("validation.response.status.unknown")) {
        String code = errorCode(e.responseBody());
        Optional<Undocumented.Answer> known = Undocumented.answer(version, e.method(), template, e.status(), code);
        if (known.isEmpty() && !e.armedFault()) {
          out.add("answer " + e.status() + (code == null ? "" : " " + code) + " on " + e.method() + " " + template
              + " is neither in the description nor in Undocumented.ANSWERS");
        } else {
          String bad = errorListProblem(e.responseBody());
          if (bad != null) {
            out.add("undocumented error answer " + e.status() + " is not an Intercom error.list: " + bad);
          }
        }
        continue;
      }
      if (m.getKey().equals("validation.request.parameter.query.unexpected")) {
        Matcher q = UNEXPECTED_QUERY.matcher(m.getMessage());
        if (q.find() && template != null && Undocumented.allowsQueryParameter(e.method(), template, q.group(1))) {
          continue;
        }
      }
      out.add(describe(m, 0));
    }
    return out;
  }

  private static Request request(Exchange e) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
    e.requestHeaders().forEach(b::withHeader);
    if (e.requestBody() != null && !e.requestBody().isEmpty()) {
      b.withBody(e.requestBody());
    }
    query(e.query()).forEach(b::withQueryParam);
    return b.build();
  }

  private static SimpleResponse response(Exchange e) {
    SimpleResponse.Builder b = new SimpleResponse.Builder(e.status());
    e.responseHeaders().forEach((k, v) -> b.withHeader(k, v));
    if (e.responseBody() != null && !e.responseBody().isEmpty()) {
      b.withBody(e.responseBody());
    }
    return b.build();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String describe(Message m, int depth) {
    StringBuilder b = new StringBuilder();
    b.append(m.getKey()).append(": ").append(m.getMessage());
    for (String info : m.getAdditionalInfo()) {
      b.append(" [").append(info).append(']');
    }
    if (depth < 3 && !m.getNestedMessages().isEmpty()) {
      b.append(" {");
      List<String> nested = new ArrayList<>();
      for (Message n : m.getNestedMessages()) {
        nested.add(describe(n, depth + 1));
      }
      b.append(String.join("; ", nested)).append('}');
    }
    return b.toString();
  }

  private static String errorCode(String body) {
    JsonNode n = parse(body);
    return n == null ? null : n.path("errors").path(0).path("code").asText(null);
  }

  /** Null when the body is {@code {"type":"error.list","errors":[{"code":"...",...}, ...]}}, else what is wrong. */
  static String errorListProblem(String body) {
    JsonNode n = parse(body);
    if (n == null || !n.isObject()) {
      return "not a JSON object";
    }
    if (!"error.list".equals(n.path("type").asText(null))) {
      return "type is not error.list";
    }
    JsonNode errors = n.path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      return "errors is not a non-empty array";
    }
    for (JsonNode err : errors) {
      if (!err.path("code").isTextual()) {
        return "an error without a string code";
      }
      JsonNode message = err.path("message");
      if (!message.isMissingNode() && !message.isNull() && !message.isTextual()) {
        return "an error message that is not a string";
      }
    }
    JsonNode requestId = n.path("request_id");
    if (!requestId.isMissingNode() && !requestId.isNull() && !requestId.isTextual()) {
      return "request_id is not a string";
    }
    return null;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ConformanceCheck[default version " + defaultVersion + "]";
  }
}
