package org.natca.intercom.audit;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.natca.intercom.batch.StopRun;
import org.natca.intercom.sync.WriteLog;

/**
 * The audit's journal as the applier's {@link WriteLog}: each confirmed write becomes a line with the
 * fields before it and exactly what was written; a write whose answer was lost is journaled as
 * "unknown" (it may have happened). A line that cannot be written stops the run.
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

  @Override
  public void done(Write w) {
    record(entry(w));
  }

  @Override
  public void lost(Write w) {
    record(entry(w).withOutcome(JournalEntry.UNKNOWN));
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

  private void record(JournalEntry entry) {
    try {
      journal.record(entry);
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
