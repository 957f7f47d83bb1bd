package org.natca.intercom.webhook;

import java.util.ArrayList;
import java.util.List;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.sync.MemberPlan;

/**
 * What writing one member's contact from a webhook came to: the contact it ended on (null when it could
 * not be written), what was done, and, when it failed, why in words an agent can act on.
 */
public record SyncResult(Member member, String contactId, List<String> done, String problem) {

  public SyncResult {
    done = List.copyOf(done);
  }

  public boolean succeeded() {
    return contactId != null && problem == null;
  }

  /** "created contact X; merged lead L into X", or "contact X already up to date". */
  public String describe() {
    return done.isEmpty() ? "contact " + contactId + " already up to date" : String.join("; ", done);
  }

  /** One action in a few words; null for those told elsewhere (attributes are logged where created). */
  private static String describe(RunReport.Action a, String contactId) {
    switch (a.action()) {
      case "create":
        return "created user " + (contactId == null ? "(none)" : contactId);
      case "update":
        return "updated " + a.contactId() + " (" + a.reason() + ")";
      case "merge":
        return "merged lead " + a.contactId();
      case "archive":
        return "archived duplicate user " + a.contactId();
      case "unarchive":
        return "unarchived " + a.contactId();
      case "create-attribute":
        return null;
      default:
        return a.action() + (a.contactId() == null ? "" : " " + a.contactId());
    }
  }

  static SyncResult of(Member member, MemberPlan plan, String contactId, RunReport report) {
    List<String> done = new ArrayList<>();
    for (RunReport.Action a : report.actions()) {
      String d = describe(a, contactId);
      if (d != null) {
        done.add(d);
      }
    }
    String problem = null;
    List<RunReport.Unrecoverable> lost = report.unrecoverableContacts().stream()
        .filter(u -> !u.kind().equals("blocked")).toList();
    if (!report.blockedContacts().isEmpty()) {
      RunReport.ItemError b = report.blockedContacts().get(0);
      problem = "the member's contact " + b.contactId() + " is " + b.error();
    } else if (!lost.isEmpty()) {
      RunReport.Unrecoverable u = lost.get(0);
      problem = "contact " + u.contactId() + " holds the member's email or number and is " + u.whatHappened()
          + "; " + u.whatToDo();
    } else if (!report.errors().isEmpty()) {
      problem = report.errors().get(0).error();
    } else if (plan instanceof MemberPlan.Skip s) {
      problem = s.reason();
    }
    return new SyncResult(member, problem == null ? contactId : null, done, problem);
  }
}
