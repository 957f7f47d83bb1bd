package org.natca.intercom.app.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks {@code Authorization: Basic <base64 of user:password>} against one password, whatever the
 * user name (so a browser's login prompt opens the page), in constant time; never keeps or shows the
 * password in clear.
 */
final class BasicPassword {
  private final SecretDigest password;

  BasicPassword(String password) {
    this.password = new SecretDigest(password);
  }

  /** True for {@code Basic <base64("any-user:" + the password)>} (scheme in any case). */
  boolean matches(String authorizationHeader) {
    String encoded = SecretDigest.credentials(authorizationHeader, "Basic");
    if (encoded == null) {
      return false;
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = credentials.indexOf(':');
    // the user name cannot hold a colon (RFC 7617): the password is all after the first one
    return colon >= 0 && password.matches(credentials.substring(colon + 1));
  }

  @Override
  public String toString() {
    return "BasicPassword[***]";
  }
}
