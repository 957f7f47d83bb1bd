package org.natca.intercom.audit;

import java.util.regex.Pattern;
import org.natca.intercom.member.MemberNumber;

/** Member numbers as they turn up on contacts: external ids, legacy attributes, old WordPress UUIDs. */
final class MemberNumbers {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private MemberNumbers() {}

  /** The member number of an external id ({@link MemberNumber#parse}: trimmed digits), or null. */
  static Integer fromExternalId(String text) {
    return MemberNumber.parse(text).map(MemberNumber::value).orElse(null);
  }

  /** The member number a legacy attribute holds ("12345", " 12345 ", "12345.0", a JSON number), or null. */
  static Integer fromLegacyAttribute(Object value) {
    return MemberNumber.fromLegacyAttribute(value).map(MemberNumber::value).orElse(null);
  }

  static boolean isUuid(String externalId) {
    return externalId != null && UUID.matcher(externalId.trim()).matches();
  }

  /**
   * An external id that is set but is not a member number: the old WordPress integration's UUIDs, or
   * anything else some tool left there. Matched contacts get the member number instead.
   */
  static boolean isLegacyExternalId(String externalId) {
    return externalId != null && !externalId.isBlank() && !MemberNumber.isMemberNumber(externalId);
  }
}
