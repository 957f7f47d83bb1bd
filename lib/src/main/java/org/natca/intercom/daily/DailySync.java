package org.natca.intercom.daily;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.natca.intercom.batch.ArchiveLimit;
import org.natca.intercom.batch.BatchRunner;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.Applier;
import org.natca.intercom.sync.ContactIndex;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.ContactWrites;
import org.natca.intercom.sync.DataAttributes;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Reasons;
import org.natca.intercom.sync.SyncPlanner;
import org.natca.intercom.sync.WriteLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly sync: reads every eligible member and every visible contact (150 a page), plans each
 * member without I/O ({@link SyncPlanner}), checks the safety limit, then writes only what differs,
 * members in parallel within the client's request budget. A member that fails is reported and the
 * run goes on; the next run re-reads both sides and repairs it.
 */
public final class DailySync {
  private static final Logger log = LoggerFactory.getLogger(DailySync.class);

  private final IntercomClient client;
  private final MemberRepository members;
  private final Clock clock;

  public DailySync(IntercomClient client, MemberRepository members, Clock clock) {
    this.client = client;
    this.members = members;
    this.clock = clock;
  }

  public RunReport run(DailySyncOptions options) {
    return run(options, null);
  }

  /**
   * The sync, then {@code after} (the tag rules; null for none) once every member is written, with the
   * contact each member has now. A run stopped early skips {@code after}.
   */
  public RunReport run(DailySyncOptions options, SyncedMembers.Phase after) {
    RunReport report = new RunReport("daily-sync", options.dryRun(), clock);
    Map<String, Object> timings = new java.util.LinkedHashMap<>();
    long t0 = System.nanoTime();
    long queriesBefore = members.queriesExecuted();
    List<Member> eligible = members.loadEligible(options.limit());
    timings.put("loadMembersMillis", millisSince(t0));
    timings.put("memberQueries", members.queriesExecuted() - queriesBefore);
    report.add(Total.MEMBERS, eligible.size());
    log.info("loaded {} eligible members (Active or Retired, with an email){}", eligible.size(),
        options.limit() > 0 ? " (--limit " + options.limit() + ")" : "");

    long t1 = System.nanoTime();
    // only the toolkit's attributes of each contact, and only contacts that could be a member's
    ContactIndex index = ContactIndex.of(client.listContacts(ContactAttributes.READ), ContactIndex.relevantTo(eligible));
    timings.put("readContactsMillis", millisSince(t1));
    timings.put("contactsRead", index.size());
    timings.put("contactsKept", index.kept());
    log.info("read {} contacts from Intercom; {} have a member's email or number", index.size(), index.kept());

    long t2 = System.nanoTime();
    List<MemberPlan> plans = plan(eligible, index, options, report);
    timings.put("planMillis", millisSince(t2));
    checkArchiveLimit(plans, eligible.size(), options, report);

    long t3 = System.nanoTime();
    DataAttributes.ensure(client, report, options.dryRun());
    Settled settled = new Settled();
    execute(plans, options, report, settled);
    timings.put("writeMillis", millisSince(t3));
    if (after != null && !report.aborted()) {
      long t4 = System.nanoTime();
      after.run(new SyncedMembers(eligible, settled.contacts, settled.leaveAlone, settled.toCreate,
          options.limit() > 0, options.dryRun(), options.concurrency()), report);
      timings.put("tagsMillis", millisSince(t4));
    }
    report.put("timings", timings);

    var stats = client.stats();
    report.requests(stats.total(), stats.writes());
    report.finish();
    return report;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private List<MemberPlan> plan(List<Member> eligible, ContactIndex index, DailySyncOptions options, RunReport report) {
    Map<String, List<Integer>> byEmail = new HashMap<>();
    for (Member m : eligible) {
      byEmail.computeIfAbsent(Emails.key(m.email()), k -> new ArrayList<>(1)).add(m.memberNumber());
    }
    List<Integer> invalidPhones = new ArrayList<>();
    List<MemberPlan> plans = new ArrayList<>(eligible.size());
    for (Member m : eligible) {
      List<Integer> sharing = byEmail.get(Emails.key(m.email()));
      if (sharing.size() > 1) {
        String why = "members " + sharing + " share the email " + Emails.key(m.email())
            + "; one contact cannot be all of them: fix the email in the member database";
        if (sharing.get(0) == m.memberNumber()) {
          report.warn("skipped " + why);
        }
        plans.add(new MemberPlan.Skip(m, why));
        continue;
      }
      var payload = ContactPayloads.forMember(m);
      if (payload.phoneProblem() != null) {
        invalidPhones.add(m.memberNumber());
      }
      plans.add(SyncPlanner.plan(m, payload.draft(), index, options.full()));
    }
    if (!invalidPhones.isEmpty()) {
      report.warn(invalidPhones.size() + " members have a phone that is not a valid number; it is left out of their contact (member numbers under \"invalidPhones\" in the report)");
      report.put("invalidPhones", invalidPhones);
    }
    return plans;
  }

  /** Archiving is the one destructive step: a plan that archives unusually many stops before writing. */
  private static void checkArchiveLimit(List<MemberPlan> plans, int memberCount, DailySyncOptions options, RunReport report) {
    long toArchive = 0;
    for (MemberPlan p : plans) {
      if (p instanceof MemberPlan.Sync s) {
        toArchive += s.usersToArchive().size();
      }
    }
    int limit = options.maxArchive() != null ? options.maxArchive() : Math.max(10, memberCount / 100);
    String why = "the plan archives " + toArchive + " duplicate users, more than the limit of " + limit
        + " (1% of members, at least 10); check the plan with --dry-run --report=FILE, then raise it with --max-archive=" + toArchive;
    ArchiveLimit.check(toArchive, limit, options.dryRun(), report, why, why);
  }

  /** Each member's contact after the writes, collected by the worker threads for the phases after them. */
  private static final class Settled {
    final Map<Integer, String> contacts = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Set<String> leaveAlone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.Set<Integer> toCreate = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void record(MemberPlan plan, String contactId, boolean dryRun) {
      int m = plan.member().memberNumber();
      if (plan instanceof MemberPlan.Conflict) {
        return;
      }
      if (contactId != null) {
        contacts.put(m, contactId);
      } else if (dryRun && plan instanceof MemberPlan.Create) {
        toCreate.add(m);
      } else {
        failed(plan); // blocked or a conflict found while writing: the contact is not settled
      }
    }

    void failed(MemberPlan plan) {
      String id = contactOf(plan);
      if (id != null && plan instanceof MemberPlan.Sync) {
        leaveAlone.add(id);
      }
    }
  }

  private void execute(List<MemberPlan> plans, DailySyncOptions options, RunReport report, Settled settled) {
    Applier applier = new Applier(options.dryRun() ? ContactWrites.dryRun() : new ContactWriter(client));
    List<BatchRunner.Unit> units = new ArrayList<>(plans.size());
    for (MemberPlan plan : plans) {
      Member m = plan.member();
      units.add(new BatchRunner.Unit(m.memberNumber(), Emails.clean(m.email()), contactOf(plan), out -> {
        try {
          applier.apply(plan, Reasons.DAILY_SYNC, WriteLog.NONE, out);
        } catch (RuntimeException e) {
          settled.failed(plan);
          throw e;
        }
        settled.record(plan, out.build().contactId(), options.dryRun());
      }));
    }
    BatchRunner.Settings settings = new BatchRunner.Settings(options.concurrency(), options.batchSize(),
        BatchRunner.UNREACHABLE_STREAK_LIMIT, "members", true, null);
    new BatchRunner(settings, () -> client.stats().total()).run(units, report);
  }

  private static String contactOf(MemberPlan plan) {
    if (plan instanceof MemberPlan.Sync s) {
      return s.keep().id();
    }
    if (plan instanceof MemberPlan.Conflict c) {
      return c.contactId();
    }
    return null;
  }
}
