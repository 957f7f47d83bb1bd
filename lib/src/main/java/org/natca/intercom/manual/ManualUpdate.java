package org.natca.intercom.manual;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.RequestStats;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomRateLimitException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.format.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.DataAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code manual-update}: links the contacts a mappings file names to their members, for the cases the
 * automatic jobs cannot decide. Entry by entry, in file order: the member must exist, be Active or
 * Retired and have an email; the contact must exist (an archived one is unarchived first); it then
 * gets the member's data as daily-sync writes it, a lead by being merged into the member's user
 * (created when there is none). An entry that cannot be done is reported and the others go on.
 * The file is checked before this runs ({@link Mappings}).
 */
public final class ManualUpdate {
  public static final String COMMAND = "manual-update";
  /** Nothing retries a manual entry by itself; running the file again is safe (done entries are unchanged). */
  static final String FAILURES_NOTE = "not done; fix them and run the file again, entries already done stay as they are";
  private static final Logger log = LoggerFactory.getLogger(ManualUpdate.class);

  private final IntercomClient client;
  private final MemberRepository members;
  private final Clock clock;

  public ManualUpdate(IntercomClient client, MemberRepository members, Clock clock) {
    this.client = client;
    this.members = members;
    this.clock = clock;
  }

  /**
   * Carries out (or, on a dry run, plans) every mapping. Every member is read before Intercom sees a
   * request, so an unreachable database stops the run before anything is written
   * ({@link org.natca.intercom.member.MemberDatabaseException}). When Intercom stops answering or
   * refuses the token, the run stops early ({@link RunReport#aborted()}) and says which entries were
   * not attempted.
   */
  public RunReport run(List<Mapping> mappings, boolean dryRun) {
    RunReport report = new RunReport(COMMAND, dryRun, clock);
    report.failuresNote(FAILURES_NOTE);
    report.add(Total.MEMBERS, mappings.size());
    if (mappings.isEmpty()) {
      report.finish();
      return report;
    }
    List<Member> found = new ArrayList<>(mappings.size());
    for (Mapping m : mappings) {
      found.add(members.findByNumber(m.memberNumber()).orElse(null));
    }
    log.info("read {} members for {} mappings", found.stream().filter(m -> m != null).count(), mappings.size());
    boolean anyLinkable = false;
    for (int i = 0; i < mappings.size(); i++) {
      anyLinkable |= EntryPlanner.memberProblem(mappings.get(i).memberNumber(), found.get(i)) == null;
    }
    if (anyLinkable) {
      DataAttributes.ensure(client, report, dryRun);
    }
    EntryExecutor executor = new EntryExecutor(client, report, dryRun);
    for (int i = 0; i < mappings.size(); i++) {
      if (report.aborted()) {
        report.warn((mappings.size() - i) + " entries were not attempted, from " + mappings.get(i).where()
            + " on; run the file again once Intercom answers");
        break;
      }
      runOne(executor, mappings.get(i), found.get(i), report);
    }
    RequestStats stats = client.stats();
    report.requests(stats.total(), stats.writes());
    report.finish();
    return report;
  }

  private static void runOne(EntryExecutor executor, Mapping mapping, Member member, RunReport report) {
    String email = member == null ? null : Emails.clean(member.email());
    try {
      executor.execute(mapping, member);
    } catch (IntercomUnreachableException | IntercomRateLimitException e) {
      // the client has retried already: the next entries would only wait the same way
      report.fail(mapping.memberNumber(), email, mapping.contactId(), e.getMessage());
      report.abort("Intercom stopped answering: " + e.getMessage());
    } catch (IntercomException e) {
      report.fail(mapping.memberNumber(), email, mapping.contactId(), e.getMessage());
      if (e.isAuthenticationFailure()) {
        report.abort("Intercom refused the access token: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      log.warn("{}: unexpected {}", mapping.where(), e.toString(), e);
      report.fail(mapping.memberNumber(), email, mapping.contactId(), e.toString());
    }
  }
}
