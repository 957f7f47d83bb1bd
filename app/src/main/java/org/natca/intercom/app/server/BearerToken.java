package org.natca.intercom.app.server;

/** Checks {@code Authorization: Bearer <token>} in constant time; never keeps or shows the token in clear. */
final class BearerToken {
  private final SecretDigest token;

  BearerToken(String token) {
    this.token = new SecretDigest(token);
  }

  /** True for {@code Bearer <the token>} (scheme in any case). */
  boolean matches(String authorizationHeader) {
    if (authorizationHeader == null) {
      return false;
    }
    String h = authorizationHeader.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return token.matches(h.substring(7).strip());
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
