package org.natca.intercom.member;

import java.util.Locale;

/** Emails as sent ({@link #clean}) and as compared ({@link #key}); Intercom matches them case-insensitively. */
public final class Emails {
  private Emails() {}

  /** Trimmed, case kept; null when null or blank. */
  public static String clean(String email) {
    if (email == null) {
      return null;
    }
    String trimmed = email.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** Trimmed and lower-cased, for matching; null when null or blank. */
  public static String key(String email) {
    String cleaned = clean(email);
    return cleaned == null ? null : cleaned.toLowerCase(Locale.ROOT);
  }
}
