package org.natca.intercom.audit;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.natca.intercom.batch.StopRun;
import org.natca.intercom.sync.WriteLog;

/**
 * The audit's journal as the applier's {@link WriteLog}, written ahead: each write is a line
 * {@code intended} before it is sent, then a line with its outcome: {@code done} with the fields before
 * it and exactly what was written, {@code failed} (Intercom refused it), or {@code unknown} (its answer
 * was lost: it may have happened). A line that cannot be written stops the run; an intent that cannot be
 * written stops it before the write is sent.
 */
final class JournalLog implements WriteLog {
  private final Journal journal;
  private final Clock clock;
  private final AuditReasons reasons;

  /** @param reasons the member's reasons; null for a stale contact */
  JournalLog(Journal journal, Clock clock, AuditReasons reasons) {
    this.journal = journal;
    this.clock = clock;
    this.reasons = reasons;
  }

  /** A journal line could not be written after a write Intercom confirmed; the run must stop. */
  static final class JournalFailure extends StopRun {
    JournalFailure(String message, UncheckedIOException cause) {
      super(message, cause);
    }
  }

  /** The journal's own intent, as the applier hands it back. */
  private record Ahead(Journal.Intent intent) implements Intent {}

  @Override
  public Intent intend(Write w) {
    JournalEntry e = entry(w);
    try {
      return new Ahead(journal.intend(e));
    } catch (UncheckedIOException x) {
      throw new JournalFailure("the journal could not record the intended " + e.action() + " of contact "
          + e.contactId() + " (" + x.getMessage() + "); stopped before sending it", x);
    }
  }

  @Override
  public void done(Intent intent, Write w) {
    JournalEntry e = entry(w);
    append(e, () -> journal.confirm(((Ahead) intent).intent(), e));
  }

  @Override
  public void failed(Intent intent, String why) {
    Journal.Intent i = ((Ahead) intent).intent();
    append(i.entry(), () -> journal.failed(i, why));
  }

  @Override
  public void lost(Intent intent) {
    Journal.Intent i = ((Ahead) intent).intent();
    append(i.entry(), () -> journal.unknown(i));
  }

  private JournalEntry entry(Write w) {
    Integer n = w.member() == null ? null : w.member().memberNumber();
    String id = w.contactId();
    return switch (w.kind()) {
      case UPDATE -> entry(JournalEntry.UPDATE, id, n, w.reason()
          + (w.unarchived() ? "; it had been archived since it was read, and was unarchived" : ""), true,
          JournalEntry.fields(w.before()), JournalEntry.fields(w.written()));
      case RECREATE -> entry(JournalEntry.CREATE, id, n, "contact " + w.replaced()
          + " was gone (deleted or merged) when written; the member's user was created anew; undo leaves it",
          false, null, JournalEntry.fields(w.written()));
      case CREATE -> entry(JournalEntry.CREATE, id, n, "the user of member " + n + ", made for the member's leads "
          + reasons.leads(reasons.leadsOf()) + "; undo leaves it, as the leads merged into it cannot be split off again",
          false, null, JournalEntry.fields(w.written()));
      case TAKE_OVER -> entry(JournalEntry.UPDATE, id, n, "creating member " + n + "'s user, Intercom answered that contact "
          + id + " already has the member's email or number" + (w.unarchived() ? " (archived)" : "") + "; it was "
          + (w.unarchived() ? "unarchived and " : "") + "updated instead. Its earlier values were not read, so undo"
          + " cannot restore them", false, null, JournalEntry.fields(w.written()));
      case MERGE -> entry(JournalEntry.MERGE, id, n, w.reason() + "; Intercom cannot undo a merge", false,
          JournalEntry.fields(w.before()), Map.of("merged_into", w.mergedInto()));
      case ARCHIVE -> entry(JournalEntry.ARCHIVE, id, n, w.reason(), true, JournalEntry.fields(w.before()),
          Map.of("archived", true));
    };
  }

  private void append(JournalEntry entry, Runnable line) {
    try {
      line.run();
    } catch (UncheckedIOException e) {
      throw new JournalFailure("the journal could not record that contact " + entry.contactId() + " was "
          + entry.action() + "d (" + e.getMessage()
          + "); stopped, so that every other write stays in the journal", e);
    }
  }

  private JournalEntry entry(String action, String contactId, Integer memberNumber, String reason, boolean undoable,
      Map<String, Object> before, Map<String, Object> after) {
    return new JournalEntry(clock.instant(), action, contactId, memberNumber, reason, undoable, JournalEntry.DONE,
        before, after);
  }
}
