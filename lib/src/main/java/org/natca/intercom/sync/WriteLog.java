package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

/**
 * Told of every contact write the applier makes, once Intercom confirmed it ({@link #done}) or when
 * its answer was lost and the write may have happened ({@link #lost}): the audit's journal. Throwing
 * from here stops the run (see {@code batch.StopRun}).
 */
public interface WriteLog {
  WriteLog NONE = new WriteLog() {};

  default void done(Write write) {}

  default void lost(Write write) {}

  /** One contact write. */
  record Write(Kind kind, Member member, String contactId, Contact before, ContactDraft written, String mergedInto,
      String replaced, String reason, boolean unarchived) {

    static Write update(Member m, Contact before, ContactDraft written, String reason) {
      return new Write(Kind.UPDATE, m, before.id(), before, written, null, null, reason, false);
    }

    static Write merge(Member m, Contact lead, String userId, String reason) {
      return new Write(Kind.MERGE, m, lead.id(), lead, null, userId, null, reason, false);
    }

    static Write archive(Member m, Contact c, String reason) {
      return new Write(Kind.ARCHIVE, m, c.id(), c, null, null, null, reason, false);
    }

    Write as(Kind newKind, String id, ContactDraft newWritten, String newReplaced, boolean newUnarchived) {
      return new Write(newKind, member, id, before, newWritten, mergedInto, newReplaced, reason, newUnarchived);
    }
  }

  enum Kind {
    /** The member's contact got {@code written}. */
    UPDATE,
    /** The contact to update ({@code replaced}) was gone; the member's user was created anew. */
    RECREATE,
    /** The member's user was created. */
    CREATE,
    /** Creating the member's user, Intercom named an existing contact (409): it was updated instead. */
    TAKE_OVER,
    /** A lead was merged into {@code mergedInto}. */
    MERGE,
    ARCHIVE
  }
}
