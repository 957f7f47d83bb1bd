package org.natca.intercom.app.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <token>} in constant time; never keeps or shows the token in clear. */
final class BearerToken {
  private final byte[] expectedDigest;

  BearerToken(String token) {
    this.expectedDigest = sha256(token);
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
    // digests of equal length: the comparison leaks neither content nor length
    return MessageDigest.isEqual(expectedDigest, sha256(h.substring(7).strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
