package org.natca.intercom.manual;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.http.RequestStats;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.batch.BatchRunner;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Emails;
import org.natca.intercom.format.MemberPayload;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.Applied;
import org.natca.intercom.sync.Applier;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.ContactWrites;
import org.natca.intercom.sync.DataAttributes;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.WriteLog;
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
    EntryPlanner planner = new EntryPlanner(client);
    Applier applier = new Applier(dryRun ? ContactWrites.dryRun() : new ContactWriter(client));
    List<BatchRunner.Unit> units = new ArrayList<>(mappings.size());
    for (int i = 0; i < mappings.size(); i++) {
      Mapping mapping = mappings.get(i);
      Member member = found.get(i);
      units.add(new BatchRunner.Unit(mapping.memberNumber(), member == null ? null : Emails.clean(member.email()),
          mapping.contactId(), out -> entry(planner, applier, mapping, member, out)));
    }
    // one entry at a time, in file order; the client has retried already, so one lost answer stops the run
    BatchRunner.Settings settings = new BatchRunner.Settings(1, Math.max(1, mappings.size()), 1, "entries", false,
        i -> (mappings.size() - i) + " entries were not attempted, from " + mappings.get(i).where()
            + " on; run the file again once Intercom answers");
    new BatchRunner(settings, () -> client.stats().total()).run(units, report);
    RequestStats stats = client.stats();
    report.requests(stats.total(), stats.writes());
    report.finish();
    return report;
  }

  private static void entry(EntryPlanner planner, Applier applier, Mapping mapping, Member member, Applied.Builder out) {
    ContactDraft draft = null;
    if (EntryPlanner.memberProblem(mapping.memberNumber(), member) == null) {
      MemberPayload payload = ContactPayloads.forMember(member);
      if (payload.phoneProblem() != null) {
        out.warn("member " + member.memberNumber() + ": the phone in the member database is not a valid number ("
            + payload.phoneProblem() + "); it is left out of the contact");
      }
      draft = payload.draft();
    }
    MemberPlan plan = planner.plan(mapping, member, draft);
    applier.apply(plan, new ManualReasons(mapping), WriteLog.NONE, out);
    if (!out.build().succeeded()) {
      log.warn("{}: contact {} is not linked to member {}: {}", mapping.where(), mapping.contactId(),
          mapping.memberNumber(), out.build().problem().describe());
    }
  }
}
