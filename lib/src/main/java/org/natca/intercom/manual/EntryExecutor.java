package org.natca.intercom.manual;

import java.util.List;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.format.Emails;
import org.natca.intercom.format.MemberPayload;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.OutcomeCounter;
import org.natca.intercom.sync.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one entry: plans it ({@link EntryPlanner}), unarchives a hidden contact and plans again
 * with what it holds, then merges, creates and updates, the writes going through {@link ContactWriter}
 * so its recoveries (409, archived, blocked, phone) apply here too. Every step is an action in the
 * report with its reason; a dry run records the same actions and writes nothing. Exceptions are the
 * caller's to count.
 */
final class EntryExecutor {
  private static final Logger log = LoggerFactory.getLogger(EntryExecutor.class);

  private final IntercomClient client;
  private final ContactWriter writer;
  private final EntryPlanner planner;
  private final RunReport report;
  private final boolean dryRun;

  EntryExecutor(IntercomClient client, RunReport report, boolean dryRun) {
    this.client = client;
    this.writer = new ContactWriter(client);
    this.planner = new EntryPlanner(client);
    this.report = report;
    this.dryRun = dryRun;
  }

  /** @param member as the database holds it, or null when there is no such member */
  void execute(Mapping mapping, Member member) {
    String problem = EntryPlanner.memberProblem(mapping.memberNumber(), member);
    if (problem != null) {
      refuse(mapping, member, problem);
      return;
    }
    MemberPayload payload = ContactPayloads.forMember(member);
    if (payload.phoneProblem() != null) {
      report.warn("member " + member.memberNumber() + ": the phone in the member database is not a valid number ("
          + payload.phoneProblem() + "); it is left out of the contact");
    }
    EntryPlan plan = planner.plan(mapping, payload.draft());
    boolean unarchived = false;
    if (plan instanceof EntryPlan.Hidden) {
      if (dryRun) {
        report.action("unarchive", mapping.memberNumber(), mapping.contactId(), "Intercom does not show the contact: "
            + "when it is archived, the run unarchives it and gives it the member's data; when it is blocked or gone, "
            + "the run reports it");
        report.increment(Total.UNARCHIVED);
        return;
      }
      Contact revealed = unarchive(mapping, member);
      if (revealed == null) {
        return;
      }
      unarchived = true;
      plan = planner.plan(mapping, payload.draft(), revealed);
    }
    if (plan instanceof EntryPlan.Refuse r) {
      if (unarchived) {
        archiveAgain(mapping);
      }
      refuse(mapping, member, r.reason());
      return;
    }
    if (unarchived) {
      report.increment(Total.UNARCHIVED);
      report.action("unarchive", mapping.memberNumber(), mapping.contactId(), "the contact was archived");
      log.info("{}: unarchived contact {}", mapping.where(), mapping.contactId());
    }
    if (plan instanceof EntryPlan.UpdateUser u) {
      update(mapping, member, u.draft(), u.contact(), u.changedFields());
    } else if (plan instanceof EntryPlan.MergeIntoUser m) {
      mergeThenUpdate(mapping, member, m);
    } else {
      createThenMerge(mapping, member, (EntryPlan.CreateUser) plan);
    }
  }

  /** The contact as it is once unarchived; null (and reported) when it is blocked or gone. */
  private Contact unarchive(Mapping mapping, Member member) {
    String id = mapping.contactId();
    try {
      client.unarchiveContact(id);
      return client.getContact(id);
    } catch (IntercomException e) {
      WriteOutcome.Unrecoverable lost = ContactWriter.unrecoverable(id, e);
      if (lost != null) {
        OutcomeCounter.record(report, mapping.memberNumber(), Emails.clean(member.email()), lost);
        return null;
      }
      if (!e.isNotFound()) {
        throw e;
      }
    }
    String hint = client.findContactByExternalId(Integer.toString(mapping.memberNumber()))
        .map(c -> "; member " + mapping.memberNumber() + "'s contact is " + c.id())
        .orElse("");
    refuse(mapping, member, "contact " + id + " is not in Intercom (a wrong id, deleted, or merged into another contact)" + hint);
    return null;
  }

  /** A contact unarchived only to find it must be left alone goes back to how it was found. */
  private void archiveAgain(Mapping mapping) {
    try {
      client.archiveContact(mapping.contactId());
    } catch (IntercomException e) {
      report.warn(mapping.where() + ": contact " + mapping.contactId() + " was unarchived to read it and could not be "
          + "archived again (" + e.getMessage() + "); archive it in Intercom if it should stay archived");
    }
  }

  private void update(Mapping mapping, Member member, ContactDraft draft, Contact contact, List<String> changedFields) {
    String id = contact.id();
    if (changedFields.isEmpty()) {
      report.increment(Total.UNCHANGED);
      report.action("unchanged", mapping.memberNumber(), id, "the contact already has the member's data");
      log.info("{}: contact {} already has member {}'s data", mapping.where(), id, mapping.memberNumber());
      return;
    }
    report.action("update", mapping.memberNumber(), id, "changed: " + String.join(", ", changedFields));
    if (dryRun) {
      report.increment(Total.UPDATED);
      return;
    }
    WriteOutcome outcome = writer.update(id, ContactDiff.changesOnly(contact, draft), draft);
    String written = count(mapping, member, outcome);
    if (written != null) {
      log.info("{}: contact {} now has member {}'s data ({})", mapping.where(), written, mapping.memberNumber(),
          String.join(", ", changedFields));
    }
  }

  private void mergeThenUpdate(Mapping mapping, Member member, EntryPlan.MergeIntoUser plan) {
    Contact user = merge(mapping, plan.lead(), plan.user().id(), "the member's user " + plan.user().id());
    Contact target = user == null ? plan.user() : user; // a dry run compares with the user before the merge
    update(mapping, member, plan.draft(), target, ContactDiff.changedFields(target, plan.draft()));
  }

  private void createThenMerge(Mapping mapping, Member member, EntryPlan.CreateUser plan) {
    report.action("create", mapping.memberNumber(), null, "contact " + plan.lead().id()
        + " is a lead and the member has no user: create the member's user, then merge the lead into it");
    if (dryRun) {
      report.increment(Total.CREATED);
      merge(mapping, plan.lead(), null, "the member's new user");
      return;
    }
    String userId = count(mapping, member, writer.create(plan.draft()));
    if (userId != null) {
      log.info("{}: member {}'s user is contact {}", mapping.where(), mapping.memberNumber(), userId);
      merge(mapping, plan.lead(), userId, "the member's new user " + userId);
    }
  }

  /**
   * Merges the lead into the user (null only in a dry run, for a user not created yet); returns the
   * user as it is afterwards, or null in a dry run.
   */
  private Contact merge(Mapping mapping, Contact lead, String userId, String userDescription) {
    report.action("merge", mapping.memberNumber(), lead.id(), "the lead is merged into " + userDescription);
    Contact user = null;
    if (!dryRun) {
      user = client.mergeContacts(lead.id(), userId);
      log.info("{}: merged lead {} into user {}", mapping.where(), lead.id(), userId);
    }
    report.increment(Total.DUPLICATES_RESOLVED);
    return user;
  }

  /** Counts a write's outcome; returns the contact id it ended on, or null when nothing was written. */
  private String count(Mapping mapping, Member member, WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Conflict conflict) {
      refuse(mapping, member, "conflict: " + conflict.reason());
      return null;
    }
    return OutcomeCounter.count(report, member, outcome);
  }

  private void refuse(Mapping mapping, Member member, String reason) {
    report.action("refuse", mapping.memberNumber(), mapping.contactId(), reason);
    report.fail(mapping.memberNumber(), member == null ? null : Emails.clean(member.email()), mapping.contactId(), reason);
    log.warn("{}: contact {} is not linked to member {}: {}", mapping.where(), mapping.contactId(), mapping.memberNumber(), reason);
  }

}
