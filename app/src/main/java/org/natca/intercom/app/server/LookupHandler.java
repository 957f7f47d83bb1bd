package org.natca.intercom.app.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.webhook.EmailMatch;
import org.natca.intercom.webhook.LegacyDatabaseUnavailableException;
import org.natca.intercom.webhook.MembersByEmail;
import org.natca.intercom.webhook.MemberSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/intercom/lookup?email=...} with {@code Authorization: Bearer <LOOKUP_API_TOKEN>}: the
 * member summary. Without a configured token the endpoint does not exist (404), so an unset token can
 * never be matched by an empty one.
 */
final class LookupHandler implements Route {
  private static final Logger log = LoggerFactory.getLogger(LookupHandler.class);

  private final MembersByEmail lookup;
  private final SecretGate gate;

  /**
   * @param token LOOKUP_API_TOKEN, or null when unset
   * @param refusals counts refused tokens per client address; too many and the address waits
   */
  LookupHandler(MembersByEmail lookup, String token, RefusalLimiter refusals) {
    this.lookup = lookup;
    BearerToken bearer = token == null || token.isBlank() ? null : new BearerToken(token);
    this.gate = new SecretGate(bearer == null ? null : bearer::matches, refusals, "bearer token",
        Answer.error(401, "a valid bearer token is required").with("WWW-Authenticate", "Bearer"));
  }

  @Override
  public Answer answer(HttpCall call) {
    Answer refused = gate.refusal(call);
    if (refused != null) {
      return refused;
    }
    String email = queryParameter(call.rawQuery(), "email");
    if (email == null || email.isBlank()) {
      return Answer.error(400, "the email parameter is required");
    }
    Optional<EmailMatch.Found> found;
    try {
      found = lookup.find(email.strip());
    } catch (MemberDatabaseException e) {
      log.warn("lookup answered 503: {}", e.getMessage());
      return Answer.error(503, e instanceof LegacyDatabaseUnavailableException
          ? "the legacy MySQL database (the email fallback) is not available" : "the member database is not available");
    }
    if (found.isEmpty()) {
      log.info("lookup: no member has the email asked for");
      return Answer.error(404, "not found");
    }
    MemberSummary summary = MemberSummary.of(found.get().member(), found.get().source());
    log.info("lookup: member {} ({})", summary.memberNumber(), summary.source().key());
    return Answer.json(200, summary.toJson());
  }

  /**
   * The first value of {@code name}, percent-decoded. A '+' stays a '+': emails have them
   * (jane+union@example.org) and never spaces, and callers often leave them unencoded.
   */
  static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray '%': take it as written
    }
  }
}
