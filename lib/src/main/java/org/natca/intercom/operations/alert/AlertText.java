package org.natca.intercom.operations.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.natca.intercom.operations.PhoneNumbers;

/**
 * What an alert may say. Member numbers and contact ids are fine; phone numbers, emails, tokens and
 * secrets are not. Texts are built from counts and ids, and whatever free text they quote (an
 * error line) goes through {@link #scrub} first.
 */
public final class AlertText {
  private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;]+@[^\\s<>\"'(),;]+\\.[A-Za-z]{2,}");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@");

  private final List<String> secrets;

  /** @param secrets values that must never appear (tokens, passwords, the alert URL itself) */
  public AlertText(Collection<String> secrets) {
    List<String> s = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        s.add(secret);
      }
    }
    // longest first, so a secret containing another is removed whole
    s.sort((a, b) -> b.length() - a.length());
    this.secrets = List.copyOf(s);
  }

  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (String secret : secrets) {
      t = t.replace(secret, "***");
    }
    t = URL_CREDENTIALS.matcher(t).replaceAll("://***@");
    t = BEARER.matcher(t).replaceAll("Bearer ***");
    t = EMAIL.matcher(t).replaceAll("<email>");
    t = PhoneNumbers.strip(t);
    return t;
  }
}
