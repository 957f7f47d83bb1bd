package org.natca.intercom.format;

import java.util.Map;
import org.natca.intercom.member.Member;

/** The {@code member_type} attribute: what kind of member this is, in words. */
public final class MemberTypes {
  public static final String RETIRED = "Retired Member";
  public static final String FALLBACK = "Member";

  /** Type ids whose label is fixed, whatever member_types.name says. */
  private static final Map<Integer, String> BY_ID = Map.of(
      6, "Current Member",
      8, "NATCA Employee",
      10, RETIRED);

  private MemberTypes() {}

  /**
   * Retired status wins; then the fixed label of the type id; then member_types.name (trimmed); then
   * {@value #FALLBACK}.
   */
  public static String label(Member member) {
    if (member.isRetired()) {
      return RETIRED;
    }
    if (member.memberTypeId() != null && BY_ID.containsKey(member.memberTypeId())) {
      return BY_ID.get(member.memberTypeId());
    }
    String name = member.memberTypeName();
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    return FALLBACK;
  }
}
