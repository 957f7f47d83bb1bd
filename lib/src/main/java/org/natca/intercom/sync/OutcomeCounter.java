package org.natca.intercom.sync;

import org.natca.intercom.format.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what a member's write came to in the run report, the same way for every command. */
public final class OutcomeCounter {
  private static final Logger log = LoggerFactory.getLogger(OutcomeCounter.class);

  private OutcomeCounter() {}

  /**
   * Records the outcome (created, updated and unarchived, blocked with its admin action, or a
   * conflict as a failure) with its warnings; returns the contact id it ended on, or null.
   */
  public static String count(RunReport report, Member m, WriteOutcome outcome) {
    String email = Emails.clean(m.email());
    if (outcome instanceof WriteOutcome.Created created) {
      report.increment(Total.CREATED);
      warnPhone(report, m, created.phoneDropped());
      return created.contact().id();
    }
    if (outcome instanceof WriteOutcome.Updated updated) {
      report.increment(Total.UPDATED);
      if (updated.unarchived()) {
        report.increment(Total.UNARCHIVED);
        report.action("unarchive", m.memberNumber(), updated.contact().id(), "the member's contact was archived");
      }
      warnPhone(report, m, updated.phoneDropped());
      if (updated.emailKeptBy() != null) {
        report.warn("member " + m.memberNumber() + ": contact " + updated.contact().id() + " keeps its old email because contact "
            + updated.emailKeptBy() + " (often an archived duplicate) holds " + email + "; everything else was updated");
      }
      return updated.contact().id();
    }
    if (outcome instanceof WriteOutcome.Unrecoverable lost) {
      record(report, m.memberNumber(), email, lost);
      return null;
    }
    WriteOutcome.Conflict conflict = (WriteOutcome.Conflict) outcome;
    report.fail(m.memberNumber(), email, conflict.contactId(), "conflict: " + conflict.reason());
    return null;
  }

  /**
   * An unrecoverable contact in the report: listed under {@code unrecoverable} with its kind, what
   * happened and what a person can do; a blocked one is also counted and listed under {@code blocked}.
   */
  public static void record(RunReport report, Integer memberNumber, String email, WriteOutcome.Unrecoverable lost) {
    if (lost instanceof WriteOutcome.Blocked blocked) {
      report.blocked(memberNumber, email, blocked.contactId(), blocked.adminAction());
    }
    report.unrecoverable(lost.kind(), memberNumber, email, lost.contactId(), lost.whatHappened(), lost.whatToDo());
    report.action(lost.kind(), memberNumber, lost.contactId(), lost.whatHappened());
    log.warn("member {}: contact {} is {} in Intercom; a person must act: {}", memberNumber, lost.contactId(),
        lost.kind(), lost.whatToDo());
  }

  private static void warnPhone(RunReport report, Member m, boolean dropped) {
    if (dropped) {
      report.warn("member " + m.memberNumber() + ": Intercom refused the phone number; the contact was written without it");
    }
  }
}
