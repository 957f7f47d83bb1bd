package org.natca.intercom.sync;

import java.util.List;
import java.util.function.Supplier;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactDiff;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.report.Verb;
import org.natca.intercom.sync.ContactWrites.Revealed;
import org.natca.intercom.sync.WriteLog.Kind;
import org.natca.intercom.sync.WriteLog.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one member's {@link MemberPlan} for every command (daily-sync, audit, manual-update and
 * both webhook flows): reveals a hidden contact, merges the member's leads into the user, archives the
 * older duplicate users, then creates the user or updates only what differs. What it did comes back as
 * an {@link Applied}. The choices a command makes are plugged in: the {@link ContactWrites} (live, with
 * every recovery, or a dry run), the {@link Reasons} it gives, and the {@link WriteLog} (the audit's
 * journal). Exceptions (Intercom unreachable, a refused token) are the caller's to count; what was done
 * before one is in the caller's {@link Applied.Builder}.
 */
public final class Applier {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final ContactWrites writes;

  public Applier(ContactWrites writes) {
    this.writes = writes;
  }

  public Applied apply(MemberPlan plan, Reasons reasons, WriteLog journal) {
    Applied.Builder out = builderFor(plan);
    apply(plan, reasons, journal, out);
    return out.build();
  }

  /** A builder for this plan's member. */
  public static Applied.Builder builderFor(MemberPlan plan) {
    Member m = plan.member();
    return new Applied.Builder(plan.memberNumber(), m == null ? null : Emails.clean(m.email()));
  }

  public void apply(MemberPlan plan, Reasons reasons, WriteLog journal, Applied.Builder out) {
    if (plan instanceof MemberPlan.Skip s) {
      out.step(Verb.SKIP, null, s.reason()).count(Total.SKIPPED);
    } else if (plan instanceof MemberPlan.Conflict c) {
      out.step(Verb.CONFLICT, c.contactId(), c.reason()).problem(new Problem.Conflict(c.contactId(), c.reason()));
    } else if (plan instanceof MemberPlan.Refuse r) {
      out.problem(new Problem.Refused(r.contactId(), r.reason()));
    } else if (plan instanceof MemberPlan.Reveal r) {
      reveal(r, reasons, journal, out);
    } else if (plan instanceof MemberPlan.Sync s) {
      sync(s, reasons, journal, out);
    } else if (plan instanceof MemberPlan.Create c) {
      create(c, reasons, journal, out);
    } else {
      throw new IllegalStateException("no way to apply " + plan);
    }
  }

  /** Archives a contact that is no member's (the audit's stale contacts). */
  public void archiveStale(Contact contact, String reason, WriteLog journal, Applied.Builder out) {
    archive(null, contact, reason, journal, out);
  }

  private void reveal(MemberPlan.Reveal r, Reasons reasons, WriteLog journal, Applied.Builder out) {
    String id = r.contactId();
    Revealed shown = writes.reveal(id);
    if (shown instanceof Revealed.Unknown) {
      out.step(Verb.UNARCHIVE, id, r.replan().planned()).count(Total.UNARCHIVED);
    } else if (shown instanceof Revealed.Blocked) {
      log.warn("member {}: contact {} is blocked in Intercom; an admin must unblock it", r.memberNumber(), id);
      out.step(Verb.BLOCKED, id, "the person is blocked in Intercom")
          .problem(new Problem.Blocked(id, ContactWriter.UNBLOCK_ACTION));
    } else if (shown instanceof Revealed.Lost l) {
      lost(l.outcome(), out);
    } else if (shown instanceof Revealed.Gone) {
      out.problem(new Problem.Refused(id, r.replan().gone()));
    } else if (shown instanceof Revealed.Shown s) {
      MemberPlan next = r.replan().shown(s.contact());
      if (next instanceof MemberPlan.Refuse) {
        try {
          writes.archive(id); // unarchived only to be read: back as it was found
        } catch (IntercomException e) {
          out.warn(r.replan().archiveAgainFailed(e.getMessage()));
        }
      } else {
        log.info("member {}: unarchived contact {}", r.memberNumber(), id);
        out.step(Verb.UNARCHIVE, id, "the contact was archived").count(Total.UNARCHIVED);
      }
      apply(next, reasons, journal, out);
    } else {
      throw new IllegalStateException("unknown reveal outcome " + shown);
    }
  }

  private void sync(MemberPlan.Sync s, Reasons reasons, WriteLog journal, Applied.Builder out) {
    Member m = s.member();
    Contact keep = s.keep();
    Contact merged = null;
    for (Contact lead : s.leadsToMerge()) {
      Contact after = merge(m, lead, keep.id(), reasons.merge(lead, keep.id(), false), journal, out);
      merged = after == null ? merged : after;
    }
    for (Contact user : s.usersToArchive()) {
      archive(m, user, reasons.archive(user, keep.id()), journal, out);
      out.count(Total.DUPLICATES_RESOLVED);
    }
    // a merge may fill in what the user lacked: compare with the user as it is now
    Contact base = merged == null ? keep : merged;
    List<String> changed = merged == null ? s.changedFields() : ContactDiff.changedFields(merged, s.draft());
    out.contact(keep.id());
    if (changed.isEmpty() && !s.full()) {
      out.count(Total.UNCHANGED).step(Verb.UNCHANGED, keep.id(), reasons.unchanged(base));
      return;
    }
    String reason = reasons.update(keep, changed, s.full());
    out.step(Verb.UPDATE, keep.id(), reason);
    ContactDraft write = s.full() ? s.draft() : ContactDiff.changesOnly(base, s.draft());
    Write w = Write.update(m, keep, write, reason);
    WriteLog.Intent intent = journal.intend(w);
    WriteOutcome outcome = attempt(intent, journal, () -> writes.update(keep.id(), write, s.draft()));
    if (outcome instanceof WriteOutcome.Updated u) {
      ContactDraft written = u.emailKeptBy() == null ? write : write.withEmail(null);
      written = u.phoneDropped() ? written.withPhone(null) : written;
      journal.done(intent, w.as(Kind.UPDATE, u.contact().id(), written, null, u.unarchived()));
    } else if (outcome instanceof WriteOutcome.Created c) {
      journal.failed(intent, "contact " + keep.id() + " was gone when written");
      journal.record(w.as(Kind.RECREATE, c.contact().id(), s.draft(), keep.id(), false));
    } else {
      journal.failed(intent, verb(outcome));
    }
    log.info("member {}: {} contact {} ({})", m.memberNumber(), verb(outcome), keep.id(), reason);
    count(outcome, false, reasons, out);
  }

  private void create(MemberPlan.Create c, Reasons reasons, WriteLog journal, Applied.Builder out) {
    Member m = c.member();
    out.step(Verb.CREATE, null, reasons.create(c));
    Write w = new Write(Kind.CREATE, m, null, null, c.draft(), null, null, null, false);
    WriteLog.Intent intent = journal.intend(w);
    WriteOutcome outcome = attempt(intent, journal, () -> writes.create(c.draft()));
    if (outcome instanceof WriteOutcome.Created created) {
      journal.done(intent, w.as(Kind.CREATE, created.contact().id(), c.draft(), null, false));
    } else if (outcome instanceof WriteOutcome.Updated u) {
      journal.done(intent, w.as(Kind.TAKE_OVER, u.contact().id(), c.draft(), null, u.unarchived()));
    } else {
      journal.failed(intent, verb(outcome));
    }
    String id = count(outcome, true, reasons, out);
    log.info("member {}: {} contact {}", m.memberNumber(), verb(outcome), id);
    if (!out.failed()) {
      for (Contact lead : c.leadsToMerge()) {
        merge(m, lead, id, reasons.merge(lead, id, true), journal, out);
      }
    }
  }

  /** The user after the merge (null when not known: a dry run). */
  private Contact merge(Member m, Contact lead, String userId, String reason, WriteLog journal, Applied.Builder out) {
    out.step(Verb.MERGE, lead.id(), reason);
    Write w = Write.merge(m, lead, userId, reason);
    WriteLog.Intent intent = journal.intend(w);
    Contact user = attempt(intent, journal, () -> writes.merge(lead.id(), userId));
    journal.done(intent, w);
    log.debug("member {}: merged lead {} into user {}", m.memberNumber(), lead.id(), userId);
    out.count(Total.DUPLICATES_RESOLVED);
    return user;
  }

  private void archive(Member m, Contact c, String reason, WriteLog journal, Applied.Builder out) {
    out.step(Verb.ARCHIVE, c.id(), reason);
    Write w = Write.archive(m, c, reason);
    WriteLog.Intent intent = journal.intend(w);
    attempt(intent, journal, () -> {
      writes.archive(c.id());
      return null;
    });
    journal.done(intent, w);
    log.debug("archived contact {} ({})", c.id(), reason);
  }

  /** Counts a write's outcome; returns the contact id it ended on (null when none). */
  private static String count(WriteOutcome outcome, boolean creating, Reasons reasons, Applied.Builder out) {
    Integer n = out.memberNumber();
    if (outcome instanceof WriteOutcome.Planned p) {
      out.count(creating ? Total.CREATED : Total.UPDATED).contact(p.contactId());
      return p.contactId();
    }
    if (outcome instanceof WriteOutcome.Created created) {
      out.count(Total.CREATED).contact(created.contact().id());
      phoneWarning(n, created.phoneDropped(), out);
      return created.contact().id();
    }
    if (outcome instanceof WriteOutcome.Updated u) {
      String id = u.contact().id();
      out.count(Total.UPDATED).contact(id);
      if (u.unarchived()) {
        out.count(Total.UNARCHIVED).step(Verb.UNARCHIVE, id, "the member's contact was archived");
      }
      phoneWarning(n, u.phoneDropped(), out);
      if (u.emailKeptBy() != null) {
        out.warn("member " + n + ": contact " + id + " keeps its old email because contact " + u.emailKeptBy()
            + " (often an archived duplicate) holds " + out.email() + "; everything else was updated");
      }
      return id;
    }
    if (outcome instanceof WriteOutcome.Blocked b) {
      log.warn("member {}: contact {} is blocked in Intercom; an admin must unblock it", n, b.contactId());
      out.contact(null).problem(new Problem.Blocked(b.contactId(), b.adminAction()));
      return null;
    }
    if (outcome instanceof WriteOutcome.Unrecoverable u) {
      out.contact(null);
      lost(u, out);
      return null;
    }
    if (outcome instanceof WriteOutcome.Conflict c) {
      out.contact(null).problem(reasons.writeConflict(c.contactId(), c.reason()));
      return null;
    }
    throw new IllegalStateException("unknown write outcome " + outcome);
  }

  /** A contact merged away or permanently deleted holds the member's email or number: a person must act. */
  private static void lost(WriteOutcome.Unrecoverable u, Applied.Builder out) {
    log.warn("member {}: contact {} is {} in Intercom; a person must act: {}", out.memberNumber(), u.contactId(), u.kind(),
        u.whatToDo());
    out.step(u instanceof WriteOutcome.MergedAway ? Verb.MERGED_AWAY : Verb.DELETED, u.contactId(), u.whatHappened())
        .problem(new Problem.Lost(u));
  }

  private static void phoneWarning(Integer memberNumber, boolean dropped, Applied.Builder out) {
    if (dropped) {
      out.warn("member " + memberNumber + ": Intercom refused the phone number; the contact was written without it");
    }
  }

  /**
   * Runs a write announced ahead. Intercom refusing it (a 4xx) tells the journal it failed; a lost
   * answer, a 5xx after the retries or anything else that the write may have happened.
   */
  private static <T> T attempt(WriteLog.Intent intent, WriteLog journal, Supplier<T> write) {
    try {
      return write.get();
    } catch (IntercomException e) {
      if (!(e instanceof IntercomUnreachableException) && e.status() >= 400 && e.status() < 500) {
        journal.failed(intent, "Intercom answered " + e.status() + (e.code() == null ? "" : " " + e.code()));
      } else {
        journal.lost(intent);
      }
      throw e;
    } catch (RuntimeException e) {
      journal.lost(intent);
      throw e;
    }
  }

  private static String verb(WriteOutcome o) {
    if (o instanceof WriteOutcome.Created) {
      return "created";
    }
    if (o instanceof WriteOutcome.Updated u) {
      return u.unarchived() ? "unarchived and updated" : "updated";
    }
    if (o instanceof WriteOutcome.Planned) {
      return "would write";
    }
    if (o instanceof WriteOutcome.Unrecoverable u) {
      return "could not write (" + u.kind() + ")";
    }
    return "did not touch (conflict)";
  }
}
