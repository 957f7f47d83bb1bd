package org.natca.intercom.manual;

import org.natca.intercom.client.model.Contact;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Problem;
import org.natca.intercom.sync.Reasons;

/** manual-update's words for an entry's steps; a conflict on a write refuses the entry, naming its contact. */
final class ManualReasons implements Reasons {
  private final Mapping mapping;

  ManualReasons(Mapping mapping) {
    this.mapping = mapping;
  }

  @Override
  public String create(MemberPlan.Create plan) {
    return "contact " + mapping.contactId()
        + " is a lead and the member has no user: create the member's user, then merge the lead into it";
  }

  @Override
  public String merge(Contact lead, String userId, boolean newUser) {
    if (!newUser) {
      return "the lead is merged into the member's user " + userId;
    }
    return "the lead is merged into the member's new user" + (userId == null ? "" : " " + userId);
  }

  @Override
  public String unchanged(Contact contact) {
    return "the contact already has the member's data";
  }

  @Override
  public Problem writeConflict(String contactId, String reason) {
    return new Problem.Refused(mapping.contactId(), "conflict: " + reason);
  }
}
