package org.natca.intercom.format;

import java.util.regex.Pattern;

/** The contact's display name. */
public final class Names {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Names() {}

  /**
   * {@code "first last"}, trimmed and single-spaced; either part may be null or blank. Null when both
   * are blank, so the name is left out rather than sent as an empty string.
   */
  public static String full(String first, String last) {
    String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    if (joined.isEmpty()) {
      return null;
    }
    return WHITESPACE.matcher(joined).replaceAll(" ");
  }
}
