package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;

/** What writing one member's contact came to, after every recovery {@link ContactWriter} knows. */
public sealed interface WriteOutcome {

  /** A new contact. {@code phoneDropped}: Intercom refused the phone, so it was written without. */
  record Created(Contact contact, boolean phoneDropped) implements WriteOutcome {}

  /** An existing contact updated; {@code unarchived} when it had to be unarchived first. */
  record Updated(Contact contact, boolean unarchived, boolean phoneDropped) implements WriteOutcome {}

  /** The person is blocked in Intercom; no API can unblock them. */
  record Blocked(String contactId, String adminAction) implements WriteOutcome {}

  /** The contact Intercom points at belongs to someone else; nothing was changed. */
  record Conflict(String contactId, String reason) implements WriteOutcome {}
}
