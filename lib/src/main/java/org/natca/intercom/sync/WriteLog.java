package org.natca.intercom.sync;

import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

/**
 * Told of every contact write the applier makes, ahead: {@link #intend} before it is sent, then its
 * outcome: {@link #done} once Intercom confirmed it (with what was written in the end), {@link #failed}
 * when Intercom refused it (nothing changed), {@link #lost} when its answer was lost and the write may
 * have happened. The audit's journal. Throwing from here stops the run (see {@code batch.StopRun}); a
 * throw from {@link #intend} stops it before the write is sent.
 */
public interface WriteLog {
  WriteLog NONE = new WriteLog() {};

  /** A write announced ahead; handed back with its outcome. */
  interface Intent {
    Intent NONE = new Intent() {};
  }

  default Intent intend(Write write) {
    return Intent.NONE;
  }

  default void done(Intent intent, Write write) {}

  default void failed(Intent intent, String why) {}

  default void lost(Intent intent) {}

  /** A write the applier learns of only once done (a recovery's create): journaled ahead and done at once. */
  default void record(Write write) {
    done(intend(write), write);
  }

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
