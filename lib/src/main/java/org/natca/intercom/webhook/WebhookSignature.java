package org.natca.intercom.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Intercom's webhook signature: {@code X-Hub-Signature: sha1=<hex>}, the HMAC-SHA1 of the raw body
 * bytes keyed with the app's client secret. Checked before the body is parsed, in constant time.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Hub-Signature";
  private static final String ALGORITHM = "HmacSHA1";
  private static final String PREFIX = "sha1=";
  private static final int SHA1_HEX_LENGTH = 40;

  private final SecretKeySpec key;

  /** @throws IllegalArgumentException for an empty secret, which would accept forged bodies */
  public WebhookSignature(String clientSecret) {
    Objects.requireNonNull(clientSecret, "clientSecret");
    if (clientSecret.isEmpty()) {
      throw new IllegalArgumentException("the client secret is empty");
    }
    this.key = new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** True when {@code header} is {@code sha1=} and the hex HMAC of exactly these bytes. */
  public boolean matches(byte[] body, String header) {
    return matches(ReceivedBody.of(body), header);
  }

  /** True when {@code header} is {@code sha1=} and the hex HMAC of exactly these bytes. */
  public boolean matches(ReceivedBody body, String header) {
    if (header == null) {
      return false;
    }
    String h = header.strip();
    if (h.length() != PREFIX.length() + SHA1_HEX_LENGTH || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(h, PREFIX.length(), h.length());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(body), given);
  }

  /** The header value Intercom would send for this body. */
  public String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(ReceivedBody.of(body)));
  }

  private byte[] hmac(ReceivedBody body) {
    try {
      // Mac is not thread-safe and cheap to make; one per call keeps the class immutable
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      body.update(mac);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[sha1, secret ***]";
  }
}
