package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
  private static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
  private static final String RFC2202 = "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
  private final WebhookSignature signature = new WebhookSignature("Jefe");

  @Test
  void sign_isHexHmacSha1OfTheRawBytes() {
    assertEquals(RFC2202, signature.sign(BODY));
  }

  @ParameterizedTest
  @ValueSource(strings = {RFC2202, "SHA1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
      "sha1=EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79", "  " + RFC2202 + " "})
  void matches_theRightSignature_inAnyHexCase(String header) {
    assertTrue(signature.matches(BODY, header));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "sha256=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
      "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c7", "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c78",
      "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c7z", "sha1=", "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79ab"})
  void matches_refusesMissingMalformedOrWrongSignatures(String header) {
    assertFalse(signature.matches(BODY, header));
  }

  @Test
  void matches_refusesABodyChangedByOneByte() {
    byte[] changed = BODY.clone();
    changed[changed.length - 1] ^= 1;

    assertFalse(signature.matches(changed, RFC2202));
  }

  @Test
  void matches_refusesTheRightBodySignedWithAnotherSecret() {
    assertFalse(new WebhookSignature("jefe").matches(BODY, RFC2202));
  }

  @Test
  void emptySecret_isRefused_andToStringHidesTheSecret() {
    assertThrows(IllegalArgumentException.class, () -> new WebhookSignature(""));
    assertFalse(signature.toString().contains("Jefe"));
  }
}
