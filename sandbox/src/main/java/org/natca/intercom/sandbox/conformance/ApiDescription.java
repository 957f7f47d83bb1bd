package org.natca.intercom.sandbox.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intercom's published OpenAPI description of one API version (repository intercom/Intercom-OpenAPI,
 * {@code descriptions/<version>/api.intercom.io.yaml}, MIT license beside it in the resources), parsed
 * once per JVM and shared by every emulator: parsing the 880 KB file takes seconds.
 *
 * <p>The files have parse errors in paths the toolkit never calls, so strict loaders refuse them:
 * swagger-parser reads what it can and the validator gets the parsed model. Combinators are resolved
 * ({@code allOf} merged) and additional properties are allowed, as the description means them.
 */
public final class ApiDescription {
  /** The versions whose description is in the resources. */
  public static final Set<String> VERSIONS = Set.of("2.14", "2.16");

  private static final Map<String, ApiDescription> LOADED = new ConcurrentHashMap<>();

  private final String version;
  private final OpenAPI model;
  private final OpenApiInteractionValidator validator;

  private ApiDescription(String version, OpenAPI model) {
    this.version = version;
    this.model = model;
    this.validator = OpenApiInteractionValidator.createFor(model)
        .withLevelResolver(LevelResolver.create()
            // the description leaves most objects open; Intercom adds fields over time
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .build())
        .build();
  }

  /** The description of {@code version} ("2.14", "2.16"), parsed on first use. */
  public static ApiDescription of(String version) {
    if (!VERSIONS.contains(version)) {
      throw new IllegalArgumentException("no published description of Intercom API version " + version
          + " in the sandbox; there are " + VERSIONS);
    }
    return LOADED.computeIfAbsent(version, ApiDescription::load);
  }

  private static ApiDescription load(String version) {
    String resource = "/intercom-openapi/" + version + "/api.intercom.io.yaml";
    String yaml;
    try (InputStream in = ApiDescription.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveCombinators(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, List.of(), options);
    if (result.getOpenAPI() == null) {
      throw new IllegalStateException("could not parse " + resource + ": " + result.getMessages());
    }
    return new ApiDescription(version, result.getOpenAPI());
  }

  public String version() {
    return version;
  }

  OpenApiInteractionValidator validator() {
    return validator;
  }

  /** The operation at this path template and method, or null. */
  Operation operation(String pathTemplate, String method) {
    PathItem item = model.getPaths().get(pathTemplate);
    if (item == null) {
      return null;
    }
    return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
  }

  /** Whether the description lists {@code status} among the operation's responses. */
  boolean documents(String pathTemplate, String method, int status) {
    Operation op = operation(pathTemplate, method);
    return op != null && op.getResponses() != null && op.getResponses().containsKey(Integer.toString(status));
  }
}
