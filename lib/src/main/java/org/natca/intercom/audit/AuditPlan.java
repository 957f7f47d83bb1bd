package org.natca.intercom.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.MemberPlan;

/**
 * Everything one audit run will do, decided from a read of Intercom and the member database before
 * any write, each step with its reason. Every examined contact has exactly one place: in a member's
 * work (kept, merged or archived as a duplicate), in {@link #stale}, or in {@link #leftAlone}.
 *
 * @param examined contacts examined (listed, or searched with --leads-only), at most --limit
 * @param context contacts that were not examined but were found by looking up matched members (runs
 *     with --limit or --leads-only see only part of the workspace)
 * @param matchedBy examined contacts matched to a member, by the source that matched them
 * @param invalidPhones members whose phone cannot be made valid: written without one
 */
public record AuditPlan(
    int examined,
    int context,
    List<MemberWork> members,
    List<Stale> stale,
    List<LeftAlone> leftAlone,
    Map<ContactMatch.Source, Integer> matchedBy,
    List<Integer> invalidPhones) {

  public AuditPlan {
    members = List.copyOf(members);
    stale = List.copyOf(stale);
    leftAlone = List.copyOf(leftAlone);
    matchedBy = Map.copyOf(matchedBy);
    invalidPhones = List.copyOf(invalidPhones);
  }

  /**
   * One member's contacts: {@code plan} is the daily-sync rule applied to them (a {@link MemberPlan.Sync}
   * or {@link MemberPlan.Create}); {@code matches} says how each contact was found to be the member's.
   */
  public record MemberWork(Member member, MemberPlan plan, Map<String, ContactMatch.Matched> matches) {
    public MemberWork {
      if (!(plan instanceof MemberPlan.Sync) && !(plan instanceof MemberPlan.Create)) {
        throw new IllegalArgumentException("a member's work is a Sync or a Create plan, not " + plan);
      }
      matches = Map.copyOf(matches);
    }

    public List<Contact> usersToArchive() {
      return plan instanceof MemberPlan.Sync s ? s.usersToArchive() : List.of();
    }

    public List<Contact> leadsToMerge() {
      return plan instanceof MemberPlan.Sync s ? s.leadsToMerge() : ((MemberPlan.Create) plan).leadsToMerge();
    }

    /** Something to write: a user to create, a lead to merge, a duplicate to archive or a field to update. */
    public boolean writes() {
      if (plan instanceof MemberPlan.Sync s) {
        return !s.leadsToMerge().isEmpty() || !s.usersToArchive().isEmpty() || !s.changedFields().isEmpty();
      }
      return true;
    }

    /** How this contact was matched to the member, for a reason line. */
    public String how(Contact c) {
      ContactMatch.Matched m = matches.get(c.id());
      return m == null ? "the member's" : m.reason();
    }
  }

  /** No member match: archived unless it has an open or snoozed conversation. */
  public record Stale(Contact contact, String reason) {}

  /** Not touched, and why. */
  public record LeftAlone(Contact contact, Kind kind, Integer memberNumber, String reason) {}

  public enum Kind {
    /** Sources name different members, or another contact of the member's does. */
    CONFLICT("conflict"),
    /** Several Active or Retired members share the contact's email. */
    AMBIGUOUS("ambiguous"),
    /** The member is not synced (no email, or an email shared with another member). */
    NOT_SYNCED("not-synced"),
    /** Would be archived, but has an open or snoozed conversation. */
    OPEN_CONVERSATION("open-conversation"),
    /** Its external id is an Active or Retired member's number. */
    PROTECTED("protected");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Contacts the plan archives (stale ones and duplicate users): each needs a conversation check first. */
  public List<Contact> archiveCandidates() {
    List<Contact> out = new ArrayList<>();
    stale.forEach(s -> out.add(s.contact()));
    members.forEach(w -> out.addAll(w.usersToArchive()));
    return out;
  }

  public int archiveCount() {
    return stale.size() + members.stream().mapToInt(w -> w.usersToArchive().size()).sum();
  }

  /** Whether any member's contact is created, merged into, or updated (so the data attributes must exist). */
  public boolean writesMembers() {
    return members.stream().anyMatch(MemberWork::writes);
  }

  /**
   * The same plan, except that contacts with an open or snoozed conversation are not archived: an
   * agent may be talking to them right now.
   */
  public AuditPlan sparing(Set<String> withOpenConversation) {
    if (withOpenConversation.isEmpty()) {
      return this;
    }
    List<LeftAlone> left = new ArrayList<>(leftAlone);
    List<Stale> keptStale = new ArrayList<>();
    for (Stale s : stale) {
      if (withOpenConversation.contains(s.contact().id())) {
        left.add(new LeftAlone(s.contact(), Kind.OPEN_CONVERSATION, null,
            s.reason() + "; not archived: it has an open or snoozed conversation"));
      } else {
        keptStale.add(s);
      }
    }
    List<MemberWork> work = new ArrayList<>();
    for (MemberWork w : members) {
      if (!(w.plan() instanceof MemberPlan.Sync s) || s.usersToArchive().stream().noneMatch(c -> withOpenConversation.contains(c.id()))) {
        work.add(w);
        continue;
      }
      List<Contact> archive = new ArrayList<>();
      for (Contact c : s.usersToArchive()) {
        if (withOpenConversation.contains(c.id())) {
          left.add(new LeftAlone(c, Kind.OPEN_CONVERSATION, w.member().memberNumber(), "duplicate user of member "
              + w.member().memberNumber() + " (" + w.how(c) + "), whose contact is " + s.keep().id()
              + "; not archived: it has an open or snoozed conversation"));
        } else {
          archive.add(c);
        }
      }
      MemberPlan.Sync spared = new MemberPlan.Sync(s.member(), s.draft(), s.keep(), s.leadsToMerge(), archive,
          s.changedFields(), s.full());
      work.add(new MemberWork(w.member(), spared, w.matches()));
    }
    return new AuditPlan(examined, context, work, keptStale, left, matchedBy, invalidPhones);
  }
}
