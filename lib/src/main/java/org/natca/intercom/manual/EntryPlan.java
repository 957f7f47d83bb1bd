package org.natca.intercom.manual;

import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;

/** What manual-update will do for one entry, decided from reads only ({@link EntryPlanner}). */
sealed interface EntryPlan {
  Mapping mapping();

  /** The entry cannot be done; nothing is written for it. */
  record Refuse(Mapping mapping, String reason) implements EntryPlan {}

  /**
   * Intercom does not show the contact: archived (unarchive it, then plan again with what it holds),
   * blocked, or gone. Only trying to unarchive it tells which.
   */
  record Hidden(Mapping mapping) implements EntryPlan {}

  /** The contact is a user: it gets the member's data ({@code changedFields} empty: it has it already). */
  record UpdateUser(Mapping mapping, ContactDraft draft, Contact contact, List<String> changedFields)
      implements EntryPlan {}

  /** The contact is a lead and the member has a user: merge the lead into it, then give it the member's data. */
  record MergeIntoUser(Mapping mapping, ContactDraft draft, Contact lead, Contact user)
      implements EntryPlan {}

  /** The contact is a lead and the member has no user: create the member's user, then merge the lead into it. */
  record CreateUser(Mapping mapping, ContactDraft draft, Contact lead) implements EntryPlan {}
}
