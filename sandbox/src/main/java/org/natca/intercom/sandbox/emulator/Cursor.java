package org.natca.intercom.sandbox.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque {@code starting_after} value, like Intercom's: the last item's position and the page number. */
record Cursor(long seq, int page) {

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("sandbox:" + seq + ":" + page).getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(":");
      if (parts.length != 3 || !parts[0].equals("sandbox")) {
        throw new IllegalArgumentException(value);
      }
      return new Cursor(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("starting_after is invalid", "starting_after");
    }
  }
}
