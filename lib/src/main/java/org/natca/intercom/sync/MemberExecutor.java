package org.natca.intercom.sync;

import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.format.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one {@link MemberPlan}: merges, archives, the create or update through
 * {@link ContactWriter}, and counts each in the report. In a dry run it records the same actions with
 * their reasons and writes nothing. Exceptions are the caller's to count.
 */
public final class MemberExecutor {
  private static final Logger log = LoggerFactory.getLogger(MemberExecutor.class);

  private final IntercomClient client;
  private final ContactWriter writer;
  private final RunReport report;
  private final boolean dryRun;

  public MemberExecutor(IntercomClient client, ContactWriter writer, RunReport report, boolean dryRun) {
    this.client = client;
    this.writer = writer;
    this.report = report;
    this.dryRun = dryRun;
  }

  /** Executes the plan and returns the member's contact id afterwards (null when there is none). */
  public String execute(MemberPlan plan) {
    Member m = plan.member();
    if (plan instanceof MemberPlan.Skip s) {
      report.increment(Total.SKIPPED);
      report.action("skip", m.memberNumber(), null, s.reason());
      return null;
    }
    if (plan instanceof MemberPlan.Conflict c) {
      report.action("conflict", m.memberNumber(), c.contactId(), c.reason());
      report.fail(m.memberNumber(), Emails.clean(m.email()), c.contactId(), "conflict: " + c.reason());
      return null;
    }
    if (plan instanceof MemberPlan.Sync s) {
      return sync(s);
    }
    return create((MemberPlan.Create) plan);
  }

  private String sync(MemberPlan.Sync s) {
    Member m = s.member();
    String keepId = s.keep().id();
    for (Contact lead : s.leadsToMerge()) {
      merge(m, lead, keepId);
    }
    for (Contact user : s.usersToArchive()) {
      report.action("archive", m.memberNumber(), user.id(),
          "duplicate user with the member's email; the member's contact is " + keepId);
      if (!dryRun) {
        client.archiveContact(user.id());
        log.info("member {}: archived duplicate user {} (kept {})", m.memberNumber(), user.id(), keepId);
      }
      report.increment(Total.DUPLICATES_RESOLVED);
    }
    if (s.changedFields().isEmpty()) {
      report.increment(Total.UNCHANGED);
      return keepId;
    }
    report.action("update", m.memberNumber(), keepId, "changed: " + String.join(", ", s.changedFields()));
    if (dryRun) {
      report.increment(Total.UPDATED);
      return keepId;
    }
    ContactDraft write = s.full() ? s.draft() : ContactDiff.changesOnly(s.keep(), s.draft());
    WriteOutcome outcome = writer.update(keepId, write, s.draft());
    log.info("member {}: {} contact {} ({})", m.memberNumber(), verb(outcome), keepId, String.join(", ", s.changedFields()));
    return OutcomeCounter.count(report, m, outcome);
  }

  private String create(MemberPlan.Create c) {
    Member m = c.member();
    report.action("create", m.memberNumber(), null, c.leadsToMerge().isEmpty()
        ? "no contact has the member's number or email"
        : "only leads have the member's email: create the user, then merge them into it");
    if (dryRun) {
      report.increment(Total.CREATED);
      for (Contact lead : c.leadsToMerge()) {
        merge(m, lead, "(new user)");
      }
      return null;
    }
    WriteOutcome outcome = writer.create(c.draft());
    String id = OutcomeCounter.count(report, m, outcome);
    log.info("member {}: {} contact {}", m.memberNumber(), verb(outcome), id);
    if (id != null && (outcome instanceof WriteOutcome.Created || outcome instanceof WriteOutcome.Updated)) {
      for (Contact lead : c.leadsToMerge()) {
        merge(m, lead, id);
      }
    }
    return id;
  }

  private void merge(Member m, Contact lead, String userId) {
    report.action("merge", m.memberNumber(), lead.id(), "lead with the member's email, merged into user " + userId);
    if (!dryRun) {
      client.mergeContacts(lead.id(), userId);
      log.info("member {}: merged lead {} into user {}", m.memberNumber(), lead.id(), userId);
    }
    report.increment(Total.DUPLICATES_RESOLVED);
  }

  private static String verb(WriteOutcome o) {
    if (o instanceof WriteOutcome.Created) {
      return "created";
    }
    if (o instanceof WriteOutcome.Updated u) {
      return u.unarchived() ? "unarchived and updated" : "updated";
    }
    if (o instanceof WriteOutcome.Unrecoverable lost) {
      return "could not write (" + lost.kind() + ")";
    }
    return "did not touch (conflict)";
  }
}
