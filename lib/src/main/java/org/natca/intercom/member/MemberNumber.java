package org.natca.intercom.member;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member number, and the one rule for reading one: ASCII digits once trimmed (leading zeros
 * allowed), at most {@link #MAX}. Every place that reads a member number from text reads it here:
 * external ids, the conversation attribute agents fill in, mappings files. The legacy contact
 * attribute's extra forms ({@code "12345.0"}, a JSON number) are read by {@link #fromLegacyAttribute},
 * which only the audit calls.
 */
public record MemberNumber(int value) {
  /** The largest member number: the member table's integer column. */
  public static final int MAX = Integer.MAX_VALUE;
  private static final int MAX_DIGITS = 10;
  /** The legacy attribute may hold the number as text or as a JSON number read back as 12345.0. */
  private static final Pattern LEGACY = Pattern.compile("\\s*([0-9]{1,10})(\\.0+)?\\s*");

  public MemberNumber {
    if (value < 0) {
      throw new IllegalArgumentException("a member number is not negative: " + value);
    }
  }

  /** What a text held, as a member number or why not. */
  public sealed interface Reading {}

  /** Null, empty or only white space. */
  public record Blank() implements Reading {}

  /** Not digits only, as written (trimmed). */
  public record NotDigits(String text) implements Reading {}

  /** Digits, but more than any member number (trimmed). */
  public record TooLarge(String digits) implements Reading {}

  public record Valid(MemberNumber number) implements Reading {}

  public static Reading read(String text) {
    if (text == null || text.isBlank()) {
      return new Blank();
    }
    String t = text.strip();
    if (!t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new NotDigits(t);
    }
    String digits = t.replaceFirst("^0+(?=.)", "");
    if (digits.length() > MAX_DIGITS || Long.parseLong(digits) > MAX) {
      return new TooLarge(t);
    }
    return new Valid(new MemberNumber(Integer.parseInt(digits)));
  }

  /** The member number this text holds, or empty. */
  public static Optional<MemberNumber> parse(String text) {
    return read(text) instanceof Valid v ? Optional.of(v.number()) : Optional.empty();
  }

  /** A JSON number attribute: a whole, non-negative number within {@link #MAX} (12345 or 12345.0). */
  public static Optional<MemberNumber> fromNumber(Number n) {
    try {
      BigDecimal d = new BigDecimal(n.toString());
      return d.signum() < 0 ? Optional.empty() : Optional.of(new MemberNumber(d.intValueExact()));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The legacy {@code Member Number} / {@code member_number} attribute: text, "12345.0", or a JSON number. */
  public static Optional<MemberNumber> fromLegacyAttribute(Object value) {
    if (value instanceof Number n) {
      return fromNumber(n);
    }
    if (value == null) {
      return Optional.empty();
    }
    var m = LEGACY.matcher(value.toString());
    return m.matches() ? parse(m.group(1)) : Optional.empty();
  }

  /** True for text that is a member number by {@link #read}. */
  public static boolean isMemberNumber(String text) {
    return parse(text).isPresent();
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
