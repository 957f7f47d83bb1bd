package org.natca.intercom.sync;

import java.util.List;
import org.natca.intercom.client.model.Contact;

/**
 * The words each command puts on a step: the applier does the same steps for every command, each
 * command says why in its own terms (the audit says how it matched each contact, manual-update names
 * the entry's contact). The defaults are daily-sync's. A null reason means the step is not listed.
 */
public interface Reasons {
  Reasons DAILY_SYNC = new Reasons() {};

  default String create(MemberPlan.Create plan) {
    return plan.leadsToMerge().isEmpty()
        ? "no contact has the member's number or email"
        : "only leads have the member's email: create the user, then merge them into it";
  }

  /** @param userId the member's user; null in a dry run when the user is still to be created */
  default String merge(Contact lead, String userId, boolean newUser) {
    return "lead with the member's email, merged into user " + (userId == null ? "(new user)" : userId);
  }

  default String archive(Contact duplicate, String keptId) {
    return "duplicate user with the member's email; the member's contact is " + keptId;
  }

  /** @param changed the fields that differ; empty for a --full update of a contact that is exact */
  default String update(Contact contact, List<String> changed, boolean full) {
    return changed.isEmpty() ? "full update (--full); no field differs" : "changed: " + String.join(", ", changed);
  }

  /** Null: an exact contact is counted, not listed. */
  default String unchanged(Contact contact) {
    return null;
  }

  /** What a conflict Intercom reports on a write makes of the member. */
  default Problem writeConflict(String contactId, String reason) {
    return new Problem.Conflict(contactId, reason);
  }
}
