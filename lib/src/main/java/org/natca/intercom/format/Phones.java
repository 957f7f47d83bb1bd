package org.natca.intercom.format;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/** Member phone numbers to E.164, the only form Intercom accepts without complaint. */
public final class Phones {
  /** Numbers without a country code are read as US numbers. */
  public static final String DEFAULT_REGION = "US";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private Phones() {}

  /** {@link #toE164(String, String)} with region {@value #DEFAULT_REGION}. */
  public static PhoneResult toE164(String raw) {
    return toE164(raw, DEFAULT_REGION);
  }

  /**
   * The number as E.164 ({@code +17654657031}), or no number and the reason. Null or blank input is
   * simply no number, not a problem.
   */
  public static PhoneResult toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return PhoneResult.none();
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(raw.strip(), defaultRegion);
    } catch (NumberParseException e) {
      return PhoneResult.invalid("phone cannot be parsed: " + describe(e.getErrorType()));
    }
    if (!UTIL.isValidNumber(number)) {
      return PhoneResult.invalid("phone is not a valid number (+" + number.getCountryCode() + "): "
          + describe(UTIL.isPossibleNumberWithReason(number)));
    }
    return PhoneResult.valid(UTIL.format(number, PhoneNumberFormat.E164));
  }

  private static String describe(PhoneNumberUtil.ValidationResult result) {
    switch (result) {
      case TOO_SHORT:
        return "too short";
      case TOO_LONG:
        return "too long";
      case INVALID_LENGTH:
        return "wrong length";
      case INVALID_COUNTRY_CODE:
        return "unknown country code";
      case IS_POSSIBLE_LOCAL_ONLY:
        return "no area code";
      default:
        return "not an assigned number range";
    }
  }

  private static String describe(NumberParseException.ErrorType type) {
    switch (type) {
      case INVALID_COUNTRY_CODE:
        return "invalid country code";
      case NOT_A_NUMBER:
        return "not a number";
      case TOO_SHORT_AFTER_IDD:
      case TOO_SHORT_NSN:
        return "too short";
      case TOO_LONG:
        return "too long";
      default:
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }
}
