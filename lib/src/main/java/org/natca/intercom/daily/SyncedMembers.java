package org.natca.intercom.daily;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natca.intercom.member.Member;

/**
 * What the member phase of a daily-sync run leaves for the phases after it (the tag rules): the members
 * it synced and the contact each of them has now, from the sync's own writes rather than from search,
 * which lags behind new contacts.
 *
 * @param members the members this run synced (after {@code --limit})
 * @param contacts member number to the member's contact id, for members whose contact is settled
 *     (created, updated or unchanged; in a dry run, the contact the plan keeps)
 * @param leaveAlone contacts whose member failed or conflicted this run: what they carry is left as it is
 * @param toCreate members a dry run would create (no contact id yet)
 * @param limited true under {@code --limit}: members beyond the limit were not looked at
 * @param concurrency how many requests may be in flight at once
 */
public record SyncedMembers(List<Member> members, Map<Integer, String> contacts, Set<String> leaveAlone,
    Set<Integer> toCreate, boolean limited, boolean dryRun, int concurrency) {

  public SyncedMembers {
    members = List.copyOf(members);
    contacts = Map.copyOf(contacts);
    leaveAlone = Set.copyOf(leaveAlone);
    toCreate = Set.copyOf(toCreate);
  }

  /** A phase of daily-sync that runs once every member has been written (or, in a dry run, planned). */
  @FunctionalInterface
  public interface Phase {
    void run(SyncedMembers synced, org.natca.intercom.report.RunReport report);
  }
}
