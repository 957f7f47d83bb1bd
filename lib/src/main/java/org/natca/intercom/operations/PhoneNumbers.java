package org.natca.intercom.operations;

import java.util.regex.Pattern;

/**
 * Takes phone numbers out of free text (an error line from Intercom or the database) before it is
 * shown anywhere a member's phone must not be: alerts, {@code status}, the status page.
 */
public final class PhoneNumbers {
  /**
   * A phone in any usual form: +17654657031, 17654657031, +1 (765) 465-7031, (765) 465-7031, 765-465-7031, 765.465.7031; standing on
   * its own, so that digits inside an identifier (a contact id such as {@code 6b0faa89b2267a1234567890},
   * a request id) are left alone.
   */
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+(])(?:\\+?(?:1[\\s.-]?)?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}|\\+\\d{8,15})(?!\\w)");
  public static final String REPLACEMENT = "<phone>";

  private PhoneNumbers() {}

  /** {@code text} with every phone-like run of digits replaced by {@value #REPLACEMENT}; null stays null. */
  public static String strip(String text) {
    return text == null ? null : PHONE.matcher(text).replaceAll(REPLACEMENT);
  }
}
