package org.natca.intercom.app.server;

/** Checks {@code Authorization: Bearer <token>} in constant time; never keeps or shows the token in clear. */
final class BearerToken {
  private final SecretDigest token;

  BearerToken(String token) {
    this.token = new SecretDigest(token);
  }

  /** True for {@code Bearer <the token>} (scheme in any case). */
  boolean matches(String authorizationHeader) {
    return token.matches(SecretDigest.credentials(authorizationHeader, "Bearer"));
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
