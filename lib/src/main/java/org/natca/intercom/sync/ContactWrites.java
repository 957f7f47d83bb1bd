package org.natca.intercom.sync;

import java.util.Map;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;

/**
 * Every contact write a command makes: {@link ContactWriter} sends them (with its recoveries),
 * {@link #dryRun()} sends none and answers as if they had been planned. The applier and the audit's
 * undo write through this, so a dry run is a choice of writes, not a branch in their code.
 */
public interface ContactWrites {

  WriteOutcome create(ContactDraft draft);

  /** Sends {@code changes}; {@code whole} is the member's complete payload, for a contact found gone. */
  WriteOutcome update(String contactId, ContactDraft changes, ContactDraft whole);

  /** Merges the lead into the user; the user as it is afterwards, or null when not known (a dry run). */
  Contact merge(String leadId, String userId);

  void archive(String contactId);

  /** Unarchives the contact: what came of it. */
  Unarchived unarchive(String contactId);

  /** Unarchives a contact Intercom does not show and reads it: an archived one shows afterwards. */
  Revealed reveal(String contactId);

  /** Puts these fields back as they were (audit --undo). */
  void restore(String contactId, Map<String, Object> fields);

  enum Unarchived { DONE, BLOCKED, GONE, PLANNED }

  /** What unarchiving a hidden contact showed. */
  sealed interface Revealed {
    record Shown(Contact contact) implements Revealed {}

    record Blocked() implements Revealed {}

    /** Deleted, merged into another contact, or a wrong id. */
    record Gone() implements Revealed {}

    /** Merged away or permanently deleted, and it says so: Intercom will not give it back. */
    record Lost(WriteOutcome.Unrecoverable outcome) implements Revealed {}

    /** A dry run cannot tell an archived contact from a blocked or deleted one without writing. */
    record Unknown() implements Revealed {}
  }

  static ContactWrites dryRun() {
    return DryRun.INSTANCE;
  }

  /** Writes nothing; every write answers as planned. */
  enum DryRun implements ContactWrites {
    INSTANCE;

    @Override
    public WriteOutcome create(ContactDraft draft) {
      return new WriteOutcome.Planned(null);
    }

    @Override
    public WriteOutcome update(String contactId, ContactDraft changes, ContactDraft whole) {
      return new WriteOutcome.Planned(contactId);
    }

    @Override
    public Contact merge(String leadId, String userId) {
      return null;
    }

    @Override
    public void archive(String contactId) {}

    @Override
    public Unarchived unarchive(String contactId) {
      return Unarchived.PLANNED;
    }

    @Override
    public Revealed reveal(String contactId) {
      return new Revealed.Unknown();
    }

    @Override
    public void restore(String contactId, Map<String, Object> fields) {}
  }
}
