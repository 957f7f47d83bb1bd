package org.natca.intercom.audit;

import java.util.regex.Pattern;
import org.natca.intercom.sync.Ownership;

/** Member numbers as they turn up on contacts: external ids, legacy attributes, old WordPress UUIDs. */
final class MemberNumbers {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** A legacy attribute may hold the number as text or as a JSON number read back as 12345.0. */
  private static final Pattern NUMBER = Pattern.compile("\\s*([0-9]{1,9})(\\.0+)?\\s*");

  private MemberNumbers() {}

  /** The member number this text holds ("12345", " 12345 ", "12345.0"), or null. */
  static Integer parse(String text) {
    if (text == null) {
      return null;
    }
    var m = NUMBER.matcher(text);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  static boolean isUuid(String externalId) {
    return externalId != null && UUID.matcher(externalId.trim()).matches();
  }

  /**
   * An external id that is set but is not a member number: the old WordPress integration's UUIDs, or
   * anything else some tool left there. Matched contacts get the member number instead.
   */
  static boolean isLegacyExternalId(String externalId) {
    return externalId != null && !externalId.isBlank() && !Ownership.isMemberNumber(externalId);
  }
}
