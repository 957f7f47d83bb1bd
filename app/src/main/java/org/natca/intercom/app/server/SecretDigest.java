package org.natca.intercom.app.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret kept only as its SHA-256 digest and compared in constant time: digests of equal length,
 * so the comparison leaks neither the secret's content nor its length.
 */
final class SecretDigest {
  private final byte[] expected;

  SecretDigest(String secret) {
    this.expected = sha256(secret);
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(expected, sha256(candidate));
  }

  /**
   * The credentials of an {@code Authorization} header of {@code scheme} (matched in any case, then a
   * space), stripped; null when the header is absent or of another scheme.
   */
  static String credentials(String authorizationHeader, String scheme) {
    if (authorizationHeader == null) {
      return null;
    }
    String h = authorizationHeader.strip();
    int n = scheme.length() + 1;
    if (h.length() < n || !h.regionMatches(true, 0, scheme + " ", 0, n)) {
      return null;
    }
    return h.substring(n).strip();
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
    return "SecretDigest[***]";
  }
}
