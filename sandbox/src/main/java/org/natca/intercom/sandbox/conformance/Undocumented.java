package org.natca.intercom.sandbox.conformance;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of what Intercom does that its published description does not document, each with
 * where we know it from. The conformance check accepts exactly these beyond the description: an error
 * answer listed here must still be an Intercom {@code error.list}; anything else undocumented is a violation.
 *
 * <p>Sources, named in each entry: <b>API</b> = {@code ../shared/INTERCOM-API.md} (gathered from
 * Intercom's developer docs and public issue threads); <b>issue 10</b> = answers real integrations
 * report (quoted in issue 10 of this project); <b>original</b> = what the integration this toolkit
 * replaces saw in production; <b>emulator</b> = our own reading where Intercom publishes nothing
 * (code must tolerate either answer, see the UNVERIFIED facts in INTERCOM-API.md).
 */
public final class Undocumented {
  private Undocumented() {}

  /**
   * An error answer the description does not list for an operation.
   *
   * @param versions API versions it applies to (empty: all)
   * @param method HTTP method, or "*" for any
   * @param pathTemplate the description's path template, or "*" for any
   * @param statuses the HTTP statuses
   * @param codes the error codes ({@code errors[0].code}); empty: any code
   */
  public record Answer(Set<String> versions, String method, String pathTemplate, Set<Integer> statuses, Set<String> codes,
      String what, String source) {

    boolean matches(String version, String m, String template, int status, String code) {
      return (versions.isEmpty() || versions.contains(version))
          && (method.equals("*") || method.equals(m))
          && (pathTemplate.equals("*") || pathTemplate.equals(template))
          && statuses.contains(status)
          && (codes.isEmpty() || (code != null && codes.contains(code)));
    }
  }

  /** A query parameter Intercom takes that the description does not declare. */
  public record QueryParameter(String method, String pathTemplate, String name, String source) {}

  private static final Set<String> ALL = Set.of();
  private static final String CONTACT = "/contacts/{contact_id}";

  public static final List<Answer> ANSWERS = List.of(
      new Answer(ALL, "*", "*", Set.of(401), Set.of("unauthorized"),
          "a missing or wrong token, on every operation (the description lists 401 on most, not on /me, archive, "
              + "unarchive, block or the conversation search)",
          "API: Requests, error codes"),
      new Answer(ALL, "*", "*", Set.of(429), Set.of("rate_limit_exceeded"),
          "the rate limit of the 10-second window is used up, on every operation",
          "API: Rate limits (\"Exceeded rate limit of 167 in 10_seconds\")"),
      new Answer(ALL, "*", "*", Set.of(500, 502, 503, 504), ALL,
          "a transient server failure, on every operation (the emulator's armed faults)",
          "API: Requests (5xx transient)"),
      new Answer(ALL, "POST", "/contacts", Set.of(409), Set.of("conflict"),
          "a user with that email or external id exists: \"A contact matching those details already exists with id=<id>\", "
              + "or \"An archived contact ...\"; also for a permanently deleted or blocked person",
          "API: Contacts (409 on create); original; issue 10 (deleted contacts)"),
      new Answer(ALL, "PUT", CONTACT, Set.of(409), Set.of("conflict"),
          "the update gives the contact an email or external id another user (an archived one too) holds",
          "original (archived duplicates keep their email); emulator"),
      new Answer(ALL, "GET", CONTACT, Set.of(404), Set.of("not_found"),
          "the contact is archived, blocked or deleted; merged away too before 2.16 (2.16 documents 410)",
          "API: Contacts (archived contacts are not returned by get)"),
      new Answer(ALL, "PUT", CONTACT, Set.of(404), Set.of("not_found"),
          "the contact is archived, blocked, merged away or deleted",
          "original (404 on update of an archived contact); API: Contacts"),
      new Answer(ALL, "GET", "/contacts/find_by_external_id/{external_id}", Set.of(404), Set.of("not_found"),
          "no user has that external id",
          "API: Contacts (users only); emulator"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/archive", Set.of(404), Set.of("not_found"),
          "the contact is merged away, blocked or deleted",
          "emulator"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/unarchive", Set.of(404), Set.of("not_found"),
          "the contact was merged away or never existed",
          "emulator"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/block", Set.of(404), Set.of("not_found"),
          "the contact was merged away or never existed",
          "emulator"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/unarchive", Set.of(400), Set.of("not_restorable"),
          "a blocked person: \"This user was blocked and cannot be recreated\" (also recognised by a message naming "
              + "\"blocked\" or \"User has been blocked\"); not_restorable is in no version of the description",
          "API: Contacts (not_restorable); original"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/unarchive", Set.of(400), Set.of("bad_request"),
          "a contact merged away: \"User has been merged and is not restorable.\"",
          "issue 10 (real integrations); API: Contacts"),
      new Answer(ALL, "POST", "/contacts/{contact_id}/unarchive", Set.of(500), Set.of("server_error"),
          "a permanently deleted contact (named by a 409 on create): \"Server Error\", every time",
          "issue 10 (real integrations); API: Contacts"),
      new Answer(ALL, "POST", "/contacts", Set.of(400), Set.of("parameter_invalid", "parameter_not_found"),
          "a value Intercom refuses: an invalid phone or email, an unknown custom attribute, a wrong type",
          "API: Contacts (UNVERIFIED: expect 400/422); emulator"),
      new Answer(ALL, "PUT", CONTACT, Set.of(400), Set.of("parameter_invalid", "parameter_not_found"),
          "a value Intercom refuses: an invalid phone or email, an unknown custom attribute, a user made a lead",
          "API: Contacts (UNVERIFIED: expect 400/422); emulator"),
      new Answer(Set.of("2.14"), "POST", "/contacts/merge", Set.of(400), Set.of("parameter_invalid", "parameter_not_found"),
          "a merge other than lead into user (2.16 documents 400)",
          "API: Contacts (only lead into user)"),
      new Answer(ALL, "POST", "/contacts/merge", Set.of(404), Set.of("not_found"),
          "a contact of the merge is gone (merged away, archived or deleted)",
          "API: Contacts (the lead's id is gone afterwards)"),
      new Answer(Set.of("2.14"), "POST", "/contacts/search", Set.of(400), Set.of("parameter_invalid"),
          "a query Intercom refuses (2.16 documents 400)",
          "API: Contacts (search rules); emulator"),
      new Answer(ALL, "POST", "/conversations/search", Set.of(400), Set.of("parameter_invalid"),
          "a query Intercom refuses",
          "API: Contacts (search rules); emulator"),
      new Answer(ALL, "POST", "/conversations/{conversation_id}/reply", Set.of(400), Set.of("parameter_invalid"),
          "the sandbox refuses every reply but an admin note, so no test can message a member",
          "emulator (a deliberate restriction)"),
      new Answer(ALL, "GET", "/contacts", Set.of(400), Set.of("parameter_invalid"),
          "per_page out of 1..150 or a malformed starting_after",
          "API: Contacts (max 150); emulator"));

  public static final List<QueryParameter> QUERY_PARAMETERS = List.of(
      new QueryParameter("GET", "/contacts", "per_page",
          "Intercom's pagination guide (per_page, at most 150; the description declares no query parameter on GET /contacts)"),
      new QueryParameter("GET", "/contacts", "starting_after",
          "Intercom's pagination guide (the cursor of the next page)"));

  /** The entry that allows this error answer, if any. */
  public static Optional<Answer> answer(String version, String method, String pathTemplate, int status, String code) {
    return ANSWERS.stream().filter(a -> a.matches(version, method, pathTemplate, status, code)).findFirst();
  }

  static boolean allowsQueryParameter(String method, String pathTemplate, String name) {
    return QUERY_PARAMETERS.stream().anyMatch(q ->
        q.method().equals(method) && q.pathTemplate().equals(pathTemplate) && q.name().equals(name));
  }
}
