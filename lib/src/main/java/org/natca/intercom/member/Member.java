package org.natca.intercom.member;

import java.util.List;

/**
 * A member as the database holds it, already joined: region and facility codes, the member type's
 * name and the codes of the member's current positions (end_date null or not before today).
 * Strings are as stored (not trimmed); formatting happens in {@code org.natca.intercom.format}.
 */
public record Member(
    int memberNumber,
    String firstName,
    String lastName,
    String email,
    String phone,
    String status,
    Integer memberTypeId,
    String memberTypeName,
    String regionCode,
    String facilityCode,
    List<String> positionCodes) {

  public Member {
    positionCodes = positionCodes == null ? List.of() : List.copyOf(positionCodes);
  }

  public boolean isRetired() {
    return "Retired".equals(status);
  }

  /** Active or Retired: the only statuses that are synced. */
  public boolean hasSyncedStatus() {
    return "Active".equals(status) || "Retired".equals(status);
  }

  /** Synced to Intercom: Active or Retired, with a non-blank email. */
  public boolean isEligible() {
    return hasSyncedStatus() && email != null && !email.isBlank();
  }
}
