package org.natca.intercom.webhook;

import java.util.ArrayList;
import java.util.List;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.Verb;
import org.natca.intercom.sync.Applied;
import org.natca.intercom.sync.Problem;
import org.natca.intercom.sync.Step;

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

  /** One step in a few words. */
  private static String describe(Step s, String contactId) {
    return switch (s.verb()) {
      case CREATE -> "created user " + (contactId == null ? "(none)" : contactId);
      case UPDATE -> "updated " + s.contactId() + " (" + s.reason() + ")";
      case MERGE -> "merged lead " + s.contactId();
      case ARCHIVE -> "archived duplicate user " + s.contactId();
      case UNARCHIVE -> "unarchived " + s.contactId();
      default -> s.verb().wire() + (s.contactId() == null ? "" : " " + s.contactId());
    };
  }

  static SyncResult of(Member member, Applied applied) {
    List<String> done = new ArrayList<>();
    for (Step s : applied.steps()) {
      done.add(describe(s, applied.contactId()));
    }
    String problem = null;
    if (applied.problem() instanceof Problem.Blocked b) {
      problem = "the member's contact " + b.contactId() + " is " + b.adminAction();
    } else if (applied.problem() != null) {
      problem = applied.problem().describe();
    } else if (applied.has(Verb.SKIP)) {
      problem = applied.steps().get(0).reason();
    }
    return new SyncResult(member, problem == null ? applied.contactId() : null, done, problem);
  }
}
