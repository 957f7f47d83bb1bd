package org.natca.intercom.webhook;

import org.natca.intercom.member.MemberNumber;

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
   * The one rule of {@link MemberNumber#read} (digits only once trimmed, within a member number's
   * range), as text or as a number attribute; anything else (signs, spaces, letters, fractions, more
   * than fits a member number) is not a member number.
   */
  public static Parsed parse(Object value) {
    if (value == null) {
      return new Empty();
    }
    if (value instanceof java.lang.Number n) {
      return MemberNumber.fromNumber(n).<Parsed>map(m -> new Number(m.value())).orElseGet(() -> new NotANumber(n.toString()));
    }
    MemberNumber.Reading r = MemberNumber.read(value.toString());
    if (r instanceof MemberNumber.Valid v) {
      return new Number(v.number().value());
    }
    if (r instanceof MemberNumber.NotDigits nd) {
      return new NotANumber(nd.text());
    }
    if (r instanceof MemberNumber.TooLarge t) {
      return new NotANumber(t.digits());
    }
    return new Empty();
  }
}
