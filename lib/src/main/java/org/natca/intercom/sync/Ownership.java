package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.MemberNumber;

/** Whose contact is it? A user's external id that is a member number names its member. */
public final class Ownership {
  private Ownership() {}

  /** True for an external id that is a member number ({@link MemberNumber#parse}). UUIDs and the like are not. */
  public static boolean isMemberNumber(String externalId) {
    return MemberNumber.isMemberNumber(externalId);
  }

  /**
   * The member number of another member that this contact belongs to, or null when it is free to be
   * this member's: no external id, a non-numeric one (e.g. an old WordPress UUID), or this member's.
   * Leads ignore external ids, so a lead is never another member's.
   */
  public static String otherMember(Contact contact, String memberExternalId) {
    if (contact.isLead()) {
      return null;
    }
    var theirs = MemberNumber.parse(contact.externalId());
    if (theirs.isEmpty()) {
      return null;
    }
    return theirs.equals(MemberNumber.parse(memberExternalId)) ? null : contact.externalId();
  }
}
