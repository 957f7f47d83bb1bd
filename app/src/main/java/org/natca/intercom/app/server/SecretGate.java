package org.natca.intercom.app.server;

import java.util.function.Predicate;

/**
 * The checks in front of a GET route that needs a secret (the lookup's bearer token, the status
 * page's password), in this order: 404 when no secret is configured (an unset one can never be
 * matched by an empty one), 405 for any method but GET, 429 while the address has too many refusals
 * (checked before the secret, so an address guessing learns nothing more for a while), 401 when the
 * {@code Authorization} header does not match (counted as a refusal).
 */
final class SecretGate {
  private final Predicate<String> authorization;
  private final RefusalLimiter refusals;
  private final String secretName;
  private final Answer unauthorized;

  /**
   * @param authorization tests the {@code Authorization} header (null or absent: false); null when no secret is configured
   * @param secretName what is checked, for the refusal log lines ("bearer token")
   * @param unauthorized the 401 answer, with its challenge
   */
  SecretGate(Predicate<String> authorization, RefusalLimiter refusals, String secretName, Answer unauthorized) {
    this.authorization = authorization;
    this.refusals = refusals;
    this.secretName = secretName;
    this.unauthorized = unauthorized;
  }

  /** The refusal to answer, or null when the request may go on. */
  Answer refusal(HttpCall call) {
    if (authorization == null) {
      return Answer.error(404, "not found");
    }
    if (!"GET".equals(call.method())) {
      return Answer.methodNotAllowed("GET");
    }
    if (refusals.isLimited(call.remote())) {
      return Answer.error(429, "too many refused requests from this address; try again later")
          .with("Retry-After", Long.toString(refusals.window().toSeconds()));
    }
    if (!authorization.test(call.header("Authorization"))) {
      refusals.refused(call.remote(), (call.hasHeader("Authorization") ? "wrong " : "no ") + secretName);
      return unauthorized;
    }
    return null;
  }
}
