package org.natca.intercom.audit;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.audit.AuditPlan.Stale;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.format.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.OutcomeCounter;
import org.natca.intercom.sync.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the writes of an {@link AuditPlan}, one member's contacts or one stale contact at a time,
 * and journals each write after Intercom confirmed it (or, when the answer was lost, as "unknown"). In
 * a dry run it records the same actions with their reasons and writes nothing. Member data goes through
 * {@link ContactWriter}, which knows every recovery (409, archived, blocked, phone). Exceptions are the
 * caller's to count.
 */
final class AuditExecutor {
  private static final Logger log = LoggerFactory.getLogger(AuditExecutor.class);

  private final IntercomClient client;
  private final ContactWriter writer;
  private final RunReport report;
  private final Journal journal;
  private final boolean dryRun;
  private final Clock clock;
  final AtomicInteger staleArchived = new AtomicInteger();
  final AtomicInteger legacyReplaced = new AtomicInteger();

  /** @param journal null in a dry run */
  AuditExecutor(IntercomClient client, RunReport report, Journal journal, boolean dryRun, Clock clock) {
    if (!dryRun && journal == null) {
      throw new IllegalArgumentException("a run that writes needs a journal");
    }
    this.client = client;
    this.writer = new ContactWriter(client);
    this.report = report;
    this.journal = journal;
    this.dryRun = dryRun;
    this.clock = clock;
  }

  /** A journal line could not be written after a write Intercom confirmed; the run must stop. */
  static final class JournalFailure extends RuntimeException {
    JournalFailure(String message, UncheckedIOException cause) {
      super(message, cause);
    }
  }

  void member(MemberWork w) {
    if (w.plan() instanceof MemberPlan.Sync s) {
      sync(w, s);
    } else {
      create(w, (MemberPlan.Create) w.plan());
    }
  }

  private final java.util.Map<String, String> staleReasons = new java.util.concurrent.ConcurrentHashMap<>();

  void stale(Stale s) {
    // one reason string per distinct reason, not per contact: 80,000 stale leads share two or three
    archive(s.contact(), null, staleReasons.computeIfAbsent(s.reason(), r -> r + "; no open or snoozed conversation"));
    staleArchived.incrementAndGet();
  }

  private void sync(MemberWork w, MemberPlan.Sync s) {
    Member m = w.member();
    String keepId = s.keep().id();
    for (Contact lead : s.leadsToMerge()) {
      merge(w, lead, keepId);
    }
    for (Contact user : s.usersToArchive()) {
      archive(user, m.memberNumber(), "duplicate user of member " + m.memberNumber() + " (" + w.how(user)
          + "); the member's contact is " + keepId + "; no open or snoozed conversation");
      report.increment(Total.DUPLICATES_RESOLVED);
    }
    if (s.changedFields().isEmpty()) {
      report.increment(Total.UNCHANGED);
      return;
    }
    String oldExternalId = s.keep().externalId();
    boolean legacy = MemberNumbers.isLegacyExternalId(oldExternalId) && s.changedFields().contains("external_id");
    String reason = "member " + m.memberNumber() + "'s contact (" + w.how(s.keep()) + "); changed: "
        + String.join(", ", s.changedFields())
        + (legacy ? "; the old external id " + oldExternalId + " becomes the member number" : "");
    report.action("update", m.memberNumber(), keepId, reason);
    if (dryRun) {
      report.increment(Total.UPDATED);
      if (legacy) {
        legacyReplaced.incrementAndGet();
      }
      return;
    }
    ContactDraft write = ContactDiff.changesOnly(s.keep(), s.draft());
    JournalEntry entry = entry(JournalEntry.UPDATE, keepId, m.memberNumber(), reason, true,
        JournalEntry.fields(s.keep()), JournalEntry.fields(write));
    WriteOutcome outcome = attempt(entry, () -> writer.update(keepId, write, s.draft()));
    if (outcome instanceof WriteOutcome.Updated u) {
      ContactDraft written = write;
      if (u.emailKeptBy() != null) {
        written = written.withEmail(null);
      }
      if (u.phoneDropped()) {
        written = written.withPhone(null);
      }
      String note = u.unarchived() ? "; it had been archived since it was read, and was unarchived" : "";
      record(new JournalEntry(entry.time(), entry.action(), u.contact().id(), entry.memberNumber(), reason + note,
          true, JournalEntry.DONE, entry.before(), JournalEntry.fields(written)));
      if (legacy && written.externalId() != null) {
        legacyReplaced.incrementAndGet();
      }
    } else if (outcome instanceof WriteOutcome.Created c) {
      record(entry(JournalEntry.CREATE, c.contact().id(), m.memberNumber(), "contact " + keepId
          + " was gone (deleted or merged) when written; the member's user was created anew; undo leaves it",
          false, null, JournalEntry.fields(s.draft())));
    }
    OutcomeCounter.count(report, m, outcome);
  }

  private void create(MemberWork w, MemberPlan.Create c) {
    Member m = w.member();
    String leads = String.join(", ", c.leadsToMerge().stream().map(l -> l.id() + " (" + w.how(l) + ")").toList());
    report.action("create", m.memberNumber(), null, "no user is member " + m.memberNumber() + "'s; create the member's"
        + " user, then merge the member's leads into it: " + leads);
    if (dryRun) {
      report.increment(Total.CREATED);
      for (Contact lead : c.leadsToMerge()) {
        merge(w, lead, "(the new user)");
      }
      return;
    }
    WriteOutcome outcome = writer.create(c.draft());
    String id = null;
    if (outcome instanceof WriteOutcome.Created created) {
      id = created.contact().id();
      record(entry(JournalEntry.CREATE, id, m.memberNumber(), "the user of member " + m.memberNumber() + ", made for"
          + " the member's leads " + leads + "; undo leaves it, as the leads merged into it cannot be split off again",
          false, null, JournalEntry.fields(c.draft())));
    } else if (outcome instanceof WriteOutcome.Updated u) {
      id = u.contact().id();
      record(entry(JournalEntry.UPDATE, id, m.memberNumber(), "creating member " + m.memberNumber() + "'s user, Intercom"
          + " answered that contact " + id + " already has the member's email or number" + (u.unarchived() ? " (archived)" : "")
          + "; it was " + (u.unarchived() ? "unarchived and " : "") + "updated instead. Its earlier values were not"
          + " read, so undo cannot restore them", false, null, JournalEntry.fields(c.draft())));
    }
    OutcomeCounter.count(report, m, outcome);
    if (id != null) {
      for (Contact lead : c.leadsToMerge()) {
        merge(w, lead, id);
      }
    }
  }

  private void merge(MemberWork w, Contact lead, String userId) {
    int n = w.member().memberNumber();
    String reason = "lead of member " + n + " (" + w.how(lead) + "), merged into the member's user " + userId;
    report.action("merge", n, lead.id(), reason);
    if (!dryRun) {
      JournalEntry entry = entry(JournalEntry.MERGE, lead.id(), n, reason + "; Intercom cannot undo a merge", false,
          JournalEntry.fields(lead), Map.of("merged_into", userId));
      attempt(entry, () -> client.mergeContacts(lead.id(), userId));
      record(entry);
      log.info("member {}: merged lead {} into user {}", n, lead.id(), userId);
    }
    report.increment(Total.DUPLICATES_RESOLVED);
  }

  private void archive(Contact c, Integer memberNumber, String reason) {
    report.action("archive", memberNumber, c.id(), reason);
    if (dryRun) {
      return;
    }
    JournalEntry entry = entry(JournalEntry.ARCHIVE, c.id(), memberNumber, reason, true, JournalEntry.fields(c),
        Map.of("archived", true));
    attempt(entry, () -> {
      client.archiveContact(c.id());
      return null;
    });
    record(entry);
    log.info("archived contact {}{}", c.id(), memberNumber == null ? " (stale)" : " (duplicate of member " + memberNumber + ")");
  }

  private interface Write<T> {
    T run();
  }

  /** Runs a write; when Intercom's answer is lost the write may have happened, so it is journaled as "unknown". */
  private <T> T attempt(JournalEntry entry, Write<T> write) {
    try {
      return write.run();
    } catch (IntercomUnreachableException e) {
      record(entry.withOutcome(JournalEntry.UNKNOWN));
      throw e;
    }
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
