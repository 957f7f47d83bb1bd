package org.natca.intercom.webhook;

/**
 * A value that came from a request (a notification id, a contact id, a reason naming either, a
 * client address), made safe for one log line: control and line/paragraph separator characters are
 * written as escapes ({@code \n}, {@code \r}, {@code \u0000}), so nobody can forge a log line or hide
 * text in one, and the value is clipped.
 */
public final class LogText {
  static final int MAX = 500;

  private LogText() {}

  public static String clean(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = null;
    int n = Math.min(value.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (unsafe(c)) {
        if (sb == null) {
          sb = new StringBuilder(n + 16).append(value, 0, i);
        }
        switch (c) {
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> sb.append(String.format("\\u%04x", (int) c));
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    String clean = sb == null ? value.substring(0, n) : sb.toString();
    return value.length() > MAX ? clean + "…" : clean;
  }

  private static boolean unsafe(char c) {
    if (Character.isISOControl(c)) {
      return true;
    }
    int type = Character.getType(c);
    // U+2028/U+2029 end a line in many viewers; bidi overrides and other format characters reorder text
    return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
  }
}
