package org.natca.intercom.format;

/**
 * A phone number made ready for Intercom: {@code e164} when it could be made valid, otherwise null
 * with {@code problem} saying why (for the log; it never contains the number itself). Both are null
 * when the member has no phone at all.
 */
public record PhoneResult(String e164, String problem) {

  public static PhoneResult none() {
    return new PhoneResult(null, null);
  }

  public static PhoneResult valid(String e164) {
    return new PhoneResult(e164, null);
  }

  public static PhoneResult invalid(String problem) {
    return new PhoneResult(null, problem);
  }

  public boolean isValid() {
    return e164 != null;
  }
}
