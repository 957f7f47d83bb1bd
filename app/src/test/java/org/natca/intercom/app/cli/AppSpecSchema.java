package org.natca.intercom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DigitalOcean's published App Platform app spec schema (OpenAPI 3.0, vendored unmodified under
 * {@code src/test/resources/digitalocean-openapi/}), validated with networknt's OpenAPI 3.0 dialect,
 * plus a check the published files cannot make on their own: they allow any unknown key (no
 * {@code additionalProperties: false}), so a misspelt {@code helth_check} would pass; {@link #unknownKeys}
 * walks the spec against the schema's declared properties.
 */
final class AppSpecSchema {
  private static final String BASE = "https://schemas.digitalocean.invalid/apps/models/";
  private static final String ROOT = "app_spec.yml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, JsonNode> files;
  private final Schema schema;

  private AppSpecSchema(Map<String, JsonNode> files) {
    this.files = files;
    Map<String, String> byIri = new HashMap<>();
    files.forEach((name, node) -> byIri.put(BASE + name, node.toString()));
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(byIri));
    this.schema = registry.getSchema(SchemaLocation.of(BASE + ROOT));
  }

  /** The files exactly as DigitalOcean publishes them. */
  static AppSpecSchema published() {
    return new AppSpecSchema(load());
  }

  /**
   * The published files plus scheduled jobs, which App Platform runs but the published description does
   * not know yet (DigitalOcean's Go client has them: {@code AppJobSpec.Kind} {@code SCHEDULED} and
   * {@code Schedule} {cron, time_zone}); see the README beside the vendored files.
   */
  static AppSpecSchema withScheduledJobs() {
    Map<String, JsonNode> files = load();
    ObjectNode jobSpec = (ObjectNode) files.get("app_job_spec.yml");
    ObjectNode own = null;
    for (JsonNode member : jobSpec.get("allOf")) {
      if (member.path("properties").has("kind")) {
        own = (ObjectNode) member;
      }
    }
    if (own == null) {
      throw new IllegalStateException("app_job_spec.yml has no kind property any more: re-check the schema addition");
    }
    ((ArrayNode) own.with("properties").with("kind").withArray("enum")).add("SCHEDULED");
    ObjectNode schedule = own.with("properties").putObject("schedule");
    schedule.put("type", "object");
    schedule.putObject("properties").<ObjectNode>set("cron", YAML.createObjectNode().put("type", "string"))
        .set("time_zone", YAML.createObjectNode().put("type", "string"));
    schedule.putArray("required").add("cron");
    return new AppSpecSchema(files);
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Schema violations, one line each ({@code /jobs/0/kind: does not have a value in the enumeration ...}). */
  List<String> violations(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(spec)) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }

  /** Keys of the spec that no schema property declares, as paths ({@code services[0].helth_check}). */
  List<String> unknownKeys(JsonNode spec) {
    List<String> out = new ArrayList<>();
    walk(spec, files.get(ROOT), "", out);
    return out;
  }

  private void walk(JsonNode instance, JsonNode schemaNode, String path, List<String> out) {
    schemaNode = deref(schemaNode);
    if (instance.isArray()) {
      JsonNode items = itemsOf(schemaNode);
      if (items != null) {
        for (int i = 0; i < instance.size(); i++) {
          walk(instance.get(i), items, path + "[" + i + "]", out);
        }
      }
      return;
    }
    if (!instance.isObject()) {
      return;
    }
    Map<String, JsonNode> properties = new HashMap<>();
    collectProperties(schemaNode, properties);
    if (properties.isEmpty()) {
      return; // a free-form object
    }
    for (Iterator<String> it = instance.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String at = path.isEmpty() ? key : path + "." + key;
      JsonNode child = properties.get(key);
      if (child == null) {
        out.add(at);
      } else {
        walk(instance.get(key), child, at, out);
      }
    }
  }

  private void collectProperties(JsonNode schemaNode, Map<String, JsonNode> into) {
    schemaNode = deref(schemaNode);
    schemaNode.path("properties").fields().forEachRemaining(e -> into.putIfAbsent(e.getKey(), e.getValue()));
    for (String composition : List.of("allOf", "oneOf", "anyOf")) {
      for (JsonNode member : schemaNode.path(composition)) {
        collectProperties(member, into);
      }
    }
  }

  private JsonNode itemsOf(JsonNode schemaNode) {
    if (schemaNode.has("items")) {
      return schemaNode.get("items");
    }
    for (JsonNode member : schemaNode.path("allOf")) {
      JsonNode items = itemsOf(deref(member));
      if (items != null) {
        return items;
      }
    }
    return null;
  }

  private JsonNode deref(JsonNode schemaNode) {
    Set<String> seen = new LinkedHashSet<>();
    while (schemaNode.has("$ref")) {
      String ref = schemaNode.get("$ref").asText();
      if (!seen.add(ref) || !files.containsKey(ref)) {
        throw new IllegalStateException("unresolvable $ref " + ref + " (vendor the file it names)");
      }
      schemaNode = files.get(ref);
    }
    return schemaNode;
  }

  private static Map<String, JsonNode> load() {
    try {
      Path models = Path.of(AppSpecSchema.class.getResource("/digitalocean-openapi/models/" + ROOT).toURI()).getParent();
      Map<String, JsonNode> files = new HashMap<>();
      try (Stream<Path> list = Files.list(models)) {
        for (Path p : (Iterable<Path>) list::iterator) {
          try (InputStream in = Files.newInputStream(p)) {
            files.put(p.getFileName().toString(), YAML.readTree(in));
          }
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
