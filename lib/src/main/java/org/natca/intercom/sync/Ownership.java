package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;

/** Whose contact is it? A user's external id that is a member number names its member. */
public final class Ownership {
  private Ownership() {}

  /** True for an external id that is a member number (digits only). UUIDs and the like are not. */
  public static boolean isMemberNumber(String externalId) {
    return externalId != null && !externalId.isEmpty() && externalId.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  /**
   * The member number of another member that this contact belongs to, or null when it is free to be
   * this member's: no external id, a non-numeric one (e.g. an old WordPress UUID), or this member's.
   * Leads ignore external ids, so a lead is never another member's.
   */
  public static String otherMember(Contact contact, String memberExternalId) {
    if (contact.isLead() || !isMemberNumber(contact.externalId())) {
      return null;
    }
    return contact.externalId().equals(memberExternalId) ? null : contact.externalId();
  }
}
