package org.natca.intercom.sandbox.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes one request to the workspace or inbox and renders the answer; errors come back as {@link ApiError}. */
final class Api {
  private static final int LIST_DEFAULT = 50;
  private static final int SEARCH_DEFAULT = 50;
  private static final int CONVERSATION_SEARCH_DEFAULT = 20;
  private static final int MAX_PER_PAGE = 150;

  private final Workspace workspace;
  private final Inbox inbox;
  private final Render.Admin admin;
  private final Clock clock;

  Api(Workspace workspace, Inbox inbox, Render.Admin admin, Clock clock) {
    this.workspace = workspace;
    this.inbox = inbox;
    this.admin = admin;
    this.clock = clock;
  }

  /** The answer's status, body and extra headers. */
  record Answer(int status, JsonNode body, Map<String, String> headers) {
    Answer(int status, JsonNode body) {
      this(status, body, Map.of());
    }
  }

  /** @param version the request's API version ({@code Intercom-Version}, else the workspace default) */
  Answer handle(String method, String rawPath, String rawQuery, String body, String version) {
    boolean v216 = version.equals("2.16"); // the two versions emulated; any other behaves as 2.14 (and is a violation)
    List<String> p = segments(rawPath);
    Map<String, String> query = query(rawQuery);
    int n = p.size();
    String first = n > 0 ? p.get(0) : "";
    switch (method + " " + first) {
      case "GET me":
        if (n == 1) {
          return ok(Render.admin(admin));
        }
        break;
      case "GET tags":
        if (n == 1) {
          return ok(Render.tagList(inbox.tags()));
        }
        break;
      case "POST tags":
        if (n == 1) {
          return ok(Render.tag(inbox.createTag(json(body)), null, null));
        }
        break;
      case "GET data_attributes":
        if (n == 1) {
          String model = query.get("model");
          List<EmulatedAttribute> builtIn = model == null || model.equals("contact") ? AttributeCatalog.BUILT_IN : List.of();
          return ok(Render.attributeList(builtIn, workspace.customAttributes(model), admin.id()));
        }
        break;
      case "POST data_attributes":
        if (n == 1) {
          return ok(Render.attribute(workspace.createAttribute(json(body)), admin.id()));
        }
        break;
      case "GET contacts":
        return getContacts(p, query, v216);
      case "POST contacts":
        return postContacts(p, body, v216);
      case "DELETE contacts":
        if (n == 4 && p.get(2).equals("tags")) {
          return ok(Render.tag(workspace.untagContact(p.get(1), p.get(3)), admin.id(), clock.instant()));
        }
        break;
      case "PUT contacts":
        if (n == 2) {
          return ok(contact(workspace.update(p.get(1), json(body))));
        }
        break;
      case "GET conversations":
        if (n == 2) {
          return ok(conversation(inbox.get(p.get(1)), true));
        }
        break;
      case "POST conversations":
        return postConversations(p, body);
      case "DELETE conversations":
        if (n == 4 && p.get(2).equals("tags")) {
          return ok(Render.tag(inbox.untagConversation(p.get(1), p.get(3), json(body)), admin.id(), null));
        }
        break;
      default:
        break;
    }
    throw notFound();
  }

  private Answer getContacts(List<String> p, Map<String, String> query, boolean v216) {
    if (p.size() == 1) {
      int perPage = perPage(query.get("per_page"), LIST_DEFAULT);
      return ok(Render.contactPage(workspace.list(perPage, Cursor.decode(query.get("starting_after"))), workspace::tagsOf));
    }
    if (p.size() == 2) {
      return ok(contact(workspace.get(p.get(1), v216)));
    }
    if (p.size() == 3 && p.get(2).equals("tags")) {
      return ok(Render.contactTagList(workspace.liveContactTags(p.get(1))));
    }
    if (p.size() == 3 && p.get(1).equals("find_by_external_id")) {
      return ok(contact(workspace.findByExternalId(p.get(2))));
    }
    throw notFound();
  }

  private Answer postContacts(List<String> p, String body, boolean v216) {
    if (p.size() == 1) {
      return ok(contact(workspace.create(json(body))));
    }
    if (p.size() == 2 && p.get(1).equals("search")) {
      JsonNode in = Bodies.object(json(body));
      JsonNode paging = in.path("pagination");
      int perPage = perPage(paging.path("per_page"), SEARCH_DEFAULT);
      Cursor after = Cursor.decode(paging.path("starting_after").asText(null));
      return ok(Render.contactPage(workspace.search(in.get("query"), perPage, after), workspace::tagsOf));
    }
    if (p.size() == 2 && p.get(1).equals("merge")) {
      return ok(contact(workspace.merge(json(body), v216)));
    }
    if (p.size() == 3) {
      switch (p.get(2)) {
        case "tags":
          return ok(Render.tag(workspace.tagContact(p.get(1), json(body)), admin.id(), clock.instant()));
        case "archive":
          return ok(Render.archived(workspace.archive(p.get(1)), true));
        case "unarchive":
          return ok(Render.archived(workspace.unarchive(p.get(1)), false));
        case "block":
          return ok(Render.blocked(workspace.block(p.get(1))));
        default:
          break;
      }
    }
    throw notFound();
  }

  private Answer postConversations(List<String> p, String body) {
    if (p.size() == 2 && p.get(1).equals("search")) {
      JsonNode in = Bodies.object(json(body));
      JsonNode paging = in.path("pagination");
      int perPage = perPage(paging.path("per_page"), CONVERSATION_SEARCH_DEFAULT);
      Cursor after = Cursor.decode(paging.path("starting_after").asText(null));
      Page<EmulatedConversation> page = inbox.search(in.get("query"), perPage, after);
      return ok(Render.conversationPage(page, this::contactOrNull, admin));
    }
    if (p.size() == 3 && p.get(2).equals("tags")) {
      return ok(Render.tag(inbox.tagConversation(p.get(1), json(body)), admin.id(), clock.instant()));
    }
    if (p.size() == 3 && p.get(2).equals("reply")) {
      return ok(conversation(inbox.reply(p.get(1), json(body)), true));
    }
    throw notFound();
  }

  String renderConversation(EmulatedConversation c) {
    try {
      return Render.JSON.writeValueAsString(conversation(c, false));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode conversation(EmulatedConversation c, boolean withParts) {
    return Render.conversation(c, this::contactOrNull, admin, withParts);
  }

  private JsonNode contact(EmulatedContact c) {
    return Render.contact(c, workspace.tagsOf(c.id()));
  }

  private EmulatedContact contactOrNull(String id) {
    return workspace.find(id).orElse(null);
  }

  private static int perPage(String raw, int fallback) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return checkPerPage(Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      throw ApiError.invalid("per_page must be a number", "per_page");
    }
  }

  private static int perPage(JsonNode raw, int fallback) {
    if (raw.isMissingNode() || raw.isNull()) {
      return fallback;
    }
    if (raw.isTextual()) {
      return perPage(raw.asText(), fallback);
    }
    if (!raw.isIntegralNumber() || !raw.canConvertToInt()) {
      throw ApiError.invalid("per_page must be a number", "per_page");
    }
    return checkPerPage(raw.asInt());
  }

  private static int checkPerPage(int perPage) {
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw ApiError.invalid("per_page must be between 1 and " + MAX_PER_PAGE, "per_page");
    }
    return perPage;
  }

  private static JsonNode json(String body) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return Render.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("The request body is not valid JSON");
    }
  }

  private static Answer ok(JsonNode body) {
    return new Answer(200, body);
  }

  private static ApiError notFound() {
    return ApiError.notFound("Resource Not Found");
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
