package org.natca.intercom.sandbox.members;

/**
 * One row of {@code members}, exactly as it will be stored (no trimming or cleaning): tests use it to craft
 * edge cases. Null ids are stored as SQL NULL.
 */
public record MemberRow(
    int memberNumber,
    String firstName,
    String lastName,
    String email,
    String phone,
    String status,
    Integer memberTypeId,
    Integer regionId,
    Integer facilityId) {

  /** An Active Current Member (type 6) at a facility of region 1, with no phone. */
  public static MemberRow active(int memberNumber, String firstName, String lastName, String email) {
    return new MemberRow(memberNumber, firstName, lastName, email, null, "Active", 6, 1, 1);
  }

  public MemberRow withEmail(String value) {
    return new MemberRow(memberNumber, firstName, lastName, value, phone, status, memberTypeId, regionId, facilityId);
  }

  public MemberRow withPhone(String value) {
    return new MemberRow(memberNumber, firstName, lastName, email, value, status, memberTypeId, regionId, facilityId);
  }

  public MemberRow withName(String first, String last) {
    return new MemberRow(memberNumber, first, last, email, phone, status, memberTypeId, regionId, facilityId);
  }

  public MemberRow withStatus(String value) {
    return new MemberRow(memberNumber, firstName, lastName, email, phone, value, memberTypeId, regionId, facilityId);
  }

  public MemberRow withMemberType(Integer value) {
    return new MemberRow(memberNumber, firstName, lastName, email, phone, status, value, regionId, facilityId);
  }

  /** Region and facility ids (either may be null). */
  public MemberRow at(Integer region, Integer facility) {
    return new MemberRow(memberNumber, firstName, lastName, email, phone, status, memberTypeId, region, facility);
  }
}
