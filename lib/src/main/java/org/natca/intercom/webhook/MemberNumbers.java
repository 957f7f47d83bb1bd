package org.natca.intercom.webhook;

import java.math.BigDecimal;

/** Reads the member number an agent typed into a conversation attribute. */
public final class MemberNumbers {
  private MemberNumbers() {}

  /** What the attribute held. */
  public sealed interface Parsed permits Empty, NotANumber, Number {}

  /** Absent, null or blank. */
  public record Empty() implements Parsed {}

  /** Something that is not digits only, as written (trimmed). */
  public record NotANumber(String text) implements Parsed {}

  public record Number(int memberNumber) implements Parsed {}

  /**
   * Digits only once trimmed, as text or as a number attribute; anything else (signs, spaces, letters,
   * fractions, more than fits a member number) is not a member number.
   */
  public static Parsed parse(Object value) {
    if (value == null) {
      return new Empty();
    }
    if (value instanceof java.lang.Number n) {
      try {
        BigDecimal d = new BigDecimal(n.toString());
        return d.signum() >= 0 ? new Number(d.intValueExact()) : new NotANumber(n.toString());
      } catch (NumberFormatException | ArithmeticException e) {
        return new NotANumber(n.toString());
      }
    }
    String text = value.toString().strip();
    if (text.isEmpty()) {
      return new Empty();
    }
    if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new NotANumber(text);
    }
    try {
      return new Number(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return new NotANumber(text);
    }
  }
}
