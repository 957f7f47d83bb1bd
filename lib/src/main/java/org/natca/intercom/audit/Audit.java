package org.natca.intercom.audit;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.natca.intercom.audit.AuditPlan.Kind;
import org.natca.intercom.audit.AuditPlan.LeftAlone;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.audit.AuditPlan.Stale;
import org.natca.intercom.batch.ArchiveLimit;
import org.natca.intercom.batch.BatchRunner;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.DataAttributes;
import org.natca.intercom.report.Verb;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.ContactWrites;
import org.natca.intercom.sync.MemberPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit: repairs what Intercom holds today. Reads first (every member; the contacts, or the leads,
 * up to --limit; for a partial run, each matched member's other contacts), plans every contact with a
 * reason ({@link AuditPlanner}), checks each contact it would archive for open or snoozed conversations,
 * stops before any write when the plan archives more than the limit, then writes, journaling each write
 * so that {@link AuditUndo} can take it back.
 */
public final class Audit {
  private static final Logger log = LoggerFactory.getLogger(Audit.class);
  /** A group of filters only: Intercom's schema takes a group of filters or a group of groups, not both. */
  private static final SearchQuery OPEN_OR_SNOOZED =
      SearchQuery.or(SearchQuery.eq("state", "open"), SearchQuery.eq("state", "snoozed"));

  private final IntercomClient client;
  private final MemberRepository members;
  private final Clock clock;

  public Audit(IntercomClient client, MemberRepository members, Clock clock) {
    this.client = client;
    this.members = members;
    this.clock = clock;
  }

  public AuditResult run(AuditOptions options) {
    if (!options.dryRun()) {
      Journal.checkCanCreate(options.journal());
    }
    RunReport report = new RunReport("audit", options.dryRun(), clock);
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
      Thread t = new Thread(r, "audit-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      MemberIndex lookup = MemberIndex.of(members.loadAll());
      log.info("loaded {} members (every status)", lookup.size());
      List<Contact> examined = read(options);
      report.add(Total.MEMBERS, examined.size());
      log.info("examining {} {}{}", examined.size(), options.leadsOnly() ? "leads" : "contacts",
          options.limit() > 0 ? " (--limit " + options.limit() + ")" : "");

      Map<Integer, List<Contact>> context = Map.of();
      if (options.partial()) {
        context = lookUp(AuditPlanner.matchedMembers(examined, lookup), lookup, pool);
      }
      AuditPlan plan = AuditPlanner.plan(examined, context, lookup);
      List<Contact> candidates = plan.archiveCandidates();
      log.info("checking {} contacts the plan would archive for open or snoozed conversations", candidates.size());
      OpenConversations open = openConversations(candidates);
      plan = plan.sparing(open.contactIds());

      recordLeftAlone(plan, report);
      if (!plan.invalidPhones().isEmpty()) {
        report.warn(plan.invalidPhones().size() + " members have a phone that is not a valid number; it is left out of"
            + " their contact (member numbers under \"invalidPhones\" in the report)");
        report.put("invalidPhones", plan.invalidPhones());
      }
      int limit = options.archiveLimit(examined.size());
      checkArchiveLimit(plan, limit, options, report);
      Journal journal = options.dryRun() ? null : new Journal(options.journal(), clock);
      Counts counts = new Counts();
      try {
        write(plan, journal, report, options, counts);
      } finally {
        if (journal != null) {
          journal.close();
        }
      }
      Path journalFile = journal != null && journal.started() ? journal.path().toAbsolutePath() : null;
      if (journalFile != null) {
        report.put("journal", journalFile.toString());
      }
      Findings findings = findings(plan, counts, limit, options.dryRun(), open.conversationsRead());
      report.put("audit", findings.map());
      var stats = client.stats();
      report.requests(stats.total(), stats.writes());
      report.finish();
      return new AuditResult(report, findings.text(journalFile, options.dryRun()), journalFile);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The member attributes first (when members are written), then every unit; a dry run only records. */
  private void write(AuditPlan plan, Journal journal, RunReport report, AuditOptions options, Counts counts) {
    boolean dryRun = journal == null;
    if (plan.writesMembers()) {
      List<String> created = DataAttributes.ensure(client, report, dryRun);
      if (!dryRun) {
        journalAttributes(journal, created, report);
      }
    }
    if (!report.aborted()) {
      execute(plan, journal, report, options, counts);
    }
  }

  /** What the run did beyond the contract's totals. */
  static final class Counts {
    final AtomicInteger staleArchived = new AtomicInteger();
    final AtomicInteger legacyReplaced = new AtomicInteger();
  }

  private void journalAttributes(Journal journal, List<String> created, RunReport report) {
    try {
      for (String name : created) {
        journal.record(new JournalEntry(clock.instant(), JournalEntry.CREATE_ATTRIBUTE, null, null,
            "the member data needs the contact attribute '" + name + "'; undo leaves it (daily-sync writes it too)",
            false, JournalEntry.DONE, null, Map.of("name", name, "data_type", "string")));
      }
    } catch (UncheckedIOException e) {
      report.abort(e.getMessage() + "; stopped before changing any contact");
    }
  }

  private List<Contact> read(AuditOptions options) {
    // the toolkit's and the legacy attributes only: other apps' data is dropped as the pages are read
    Iterable<Contact> source = options.leadsOnly()
        ? client.searchContacts(SearchQuery.eq("role", "lead"), ContactAttributes.READ)
        : client.listContacts(ContactAttributes.READ);
    List<Contact> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Contact c : source) {
      if (seen.add(c.id())) {
        out.add(c);
      }
      if (options.limit() > 0 && out.size() >= options.limit()) {
        break;
      }
    }
    return out;
  }

  /** Each matched member's contacts by number or email: a partial run must not plan from half the picture. */
  private Map<Integer, List<Contact>> lookUp(Set<Integer> numbers, MemberIndex lookup, ExecutorService pool) {
    log.info("looking up the other contacts of {} matched members", numbers.size());
    Map<Integer, Callable<List<Contact>>> tasks = new LinkedHashMap<>();
    for (int n : numbers) {
      Member m = lookup.byNumber(n);
      String email = Emails.clean(m.email());
      SearchQuery byNumber = SearchQuery.eq("external_id", Integer.toString(n));
      SearchQuery query = email == null ? byNumber : SearchQuery.or(byNumber, SearchQuery.eq("email", email));
      tasks.put(n, () -> {
        List<Contact> found = new ArrayList<>();
        client.searchContacts(query, ContactAttributes.READ).forEach(found::add);
        return found;
      });
    }
    return all(tasks, pool);
  }

  /**
   * The candidates that are a contact of an open or snoozed conversation. The workspace's open and
   * snoozed conversations are read once, 150 a page, whatever the number of candidates: one search
   * per candidate would cost 80,000 searches for 80,000 stale leads.
   */
  private OpenConversations openConversations(List<Contact> candidates) {
    if (candidates.isEmpty()) {
      return new OpenConversations(Set.of(), 0);
    }
    Set<String> wanted = new HashSet<>();
    candidates.forEach(c -> wanted.add(c.id()));
    Set<String> open = new HashSet<>();
    int read = 0;
    for (Conversation conversation : client.searchConversations(OPEN_OR_SNOOZED)) {
      read++;
      for (String contactId : conversation.contactIds()) {
        if (wanted.contains(contactId)) {
          open.add(contactId);
        }
      }
    }
    log.info("read {} open or snoozed conversations; {} of the {} contacts to archive have one", read, open.size(),
        candidates.size());
    return new OpenConversations(open, read);
  }

  /** Archive candidates with an open or snoozed conversation, and how many such conversations were read. */
  private record OpenConversations(Set<String> contactIds, int conversationsRead) {}

  /** Runs read tasks in parallel; any failure fails the run (nothing has been written yet). */
  private static <K, V> Map<K, V> all(Map<K, Callable<V>> tasks, ExecutorService pool) {
    Map<K, Future<V>> futures = new LinkedHashMap<>();
    tasks.forEach((k, task) -> futures.put(k, pool.submit(task)));
    Map<K, V> results = new LinkedHashMap<>();
    try {
      for (Map.Entry<K, Future<V>> f : futures.entrySet()) {
        results.put(f.getKey(), f.getValue().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading from Intercom", e);
    } catch (ExecutionException e) {
      futures.values().forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
    return results;
  }

  private static void recordLeftAlone(AuditPlan plan, RunReport report) {
    for (LeftAlone l : plan.leftAlone()) {
      report.increment(Total.SKIPPED);
      report.action(l.kind() == Kind.CONFLICT ? Verb.CONFLICT : Verb.LEAVE, l.memberNumber(), l.contact().id(),
          l.kind().label() + ": " + l.reason());
      if (l.kind() == Kind.CONFLICT || l.kind() == Kind.AMBIGUOUS) {
        report.warn("contact " + l.contact().id() + " left alone (" + l.kind().label() + "): " + l.reason());
      }
    }
  }

  /** Archiving is the destructive step: a plan that archives unusually many stops before any write. */
  private static void checkArchiveLimit(AuditPlan plan, int limit, AuditOptions options, RunReport report) {
    int toArchive = plan.archiveCount();
    int duplicates = toArchive - plan.stale().size();
    String why = "the plan archives " + toArchive + " contacts (" + plan.stale().size() + " stale, " + duplicates
        + " duplicate users) of " + plan.examined() + " examined, more than the limit of " + limit
        + (options.maxArchive() == null ? " (" + AuditOptions.DEFAULT_MAX_ARCHIVE_PERCENT + "% of the contacts examined, at least 1)" : " (--max-archive)")
        + "; nothing was written. Check the plan with --dry-run --report=FILE, then raise the limit with --max-archive=" + toArchive;
    ArchiveLimit.check(toArchive, limit, options.dryRun(), report, why,
        "a real run would stop here: " + why.replace("; nothing was written", ""));
  }

  /** Each member's contacts, then each stale contact: the units that fail together. A dry run goes in order. */
  private void execute(AuditPlan plan, Journal journal, RunReport report, AuditOptions options, Counts counts) {
    boolean dryRun = journal == null;
    AuditUnits work = new AuditUnits(dryRun ? ContactWrites.dryRun() : new ContactWriter(client), journal, clock, counts);
    List<BatchRunner.Unit> units = new ArrayList<>();
    for (MemberWork w : plan.members()) {
      Member m = w.member();
      String contactId = w.plan() instanceof MemberPlan.Sync s ? s.keep().id() : null;
      units.add(new BatchRunner.Unit(m.memberNumber(), Emails.clean(m.email()), contactId, out -> work.member(w, out)));
    }
    for (Stale s : plan.stale()) {
      units.add(new BatchRunner.Unit(null, Emails.clean(s.contact().email()), s.contact().id(), out -> work.stale(s, out)));
    }
    BatchRunner.Settings settings = new BatchRunner.Settings(dryRun ? 1 : options.concurrency(), 100,
        BatchRunner.UNREACHABLE_STREAK_LIMIT, "", !dryRun, null);
    new BatchRunner(settings, () -> client.stats().total()).run(units, report);
  }

  private static Findings findings(AuditPlan plan, Counts counts, int limit, boolean dryRun, int conversationsRead) {
    Map<Kind, Integer> left = new EnumMap<>(Kind.class);
    plan.leftAlone().forEach(l -> left.merge(l.kind(), 1, Integer::sum));
    List<Map<String, String>> legacyUnmatched = new ArrayList<>();
    List<Contact> unmatched = new ArrayList<>();
    plan.stale().forEach(s -> unmatched.add(s.contact()));
    plan.leftAlone().forEach(l -> unmatched.add(l.contact()));
    for (Contact c : unmatched) {
      if (c.isUser() && MemberNumbers.isLegacyExternalId(c.externalId())) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put("contactId", c.id());
        item.put("externalId", c.externalId());
        item.put("kind", MemberNumbers.isUuid(c.externalId()) ? "uuid" : "other");
        legacyUnmatched.add(item);
      }
    }
    int stale = dryRun ? plan.stale().size() : counts.staleArchived.get();
    return new Findings(plan, left, legacyUnmatched, stale, counts.legacyReplaced.get(), limit, dryRun,
        conversationsRead);
  }

  /** The audit's own counts, beside the contract's totals. */
  private record Findings(AuditPlan plan, Map<Kind, Integer> left, List<Map<String, String>> legacyUnmatched,
      int staleArchived, int legacyReplaced, int limit, boolean dryRun, int conversationsRead) {

    int matched(ContactMatch.Source s) {
      return plan.matchedBy().getOrDefault(s, 0);
    }

    int left(Kind k) {
      return left.getOrDefault(k, 0);
    }

    Map<String, Object> map() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("examined", plan.examined());
      m.put("contextContacts", plan.context());
      Map<String, Object> matched = new LinkedHashMap<>();
      matched.put("externalId", matched(ContactMatch.Source.EXTERNAL_ID));
      matched.put("email", matched(ContactMatch.Source.EMAIL));
      matched.put("attribute", matched(ContactMatch.Source.ATTRIBUTE));
      m.put("matched", matched);
      m.put(dryRun ? "staleToArchive" : "staleArchived", staleArchived);
      m.put("keptForOpenConversation", left(Kind.OPEN_CONVERSATION));
      m.put("openConversationsRead", conversationsRead);
      m.put("conflicts", left(Kind.CONFLICT));
      m.put("ambiguous", left(Kind.AMBIGUOUS));
      m.put("notSynced", left(Kind.NOT_SYNCED));
      m.put("protected", left(Kind.PROTECTED));
      m.put(dryRun ? "legacyExternalIdsToReplace" : "legacyExternalIdsReplaced", legacyReplaced);
      m.put("legacyExternalIdsUnmatched", legacyUnmatched);
      m.put("archivesPlanned", plan.archiveCount());
      m.put("archiveLimit", limit);
      return m;
    }

    String text(Path journal, boolean dryRun) {
      int matchedTotal = matched(ContactMatch.Source.EXTERNAL_ID) + matched(ContactMatch.Source.EMAIL)
          + matched(ContactMatch.Source.ATTRIBUTE);
      StringBuilder sb = new StringBuilder();
      sb.append("audit findings: ").append(plan.examined()).append(" contacts examined");
      if (plan.context() > 0) {
        sb.append(", ").append(plan.context()).append(" more found by looking up matched members");
      }
      sb.append('\n');
      line(sb, "matched", matchedTotal + " (external id " + matched(ContactMatch.Source.EXTERNAL_ID) + ", email "
          + matched(ContactMatch.Source.EMAIL) + ", legacy attribute " + matched(ContactMatch.Source.ATTRIBUTE) + ")");
      line(sb, dryRun ? "stale, to archive" : "stale, archived", Integer.toString(staleArchived));
      line(sb, "kept: open conversation", left(Kind.OPEN_CONVERSATION) + " (" + conversationsRead
          + " open or snoozed conversations read)");
      line(sb, "conflicts", left(Kind.CONFLICT) + ", left alone");
      line(sb, "shared or missing email", (left(Kind.AMBIGUOUS) + left(Kind.NOT_SYNCED)) + ", left alone");
      line(sb, "legacy external ids", legacyReplaced + (dryRun ? " to replace" : " replaced") + ", "
          + legacyUnmatched.size() + " without a member match");
      line(sb, "archives", plan.archiveCount() + " planned, limit " + limit);
      if (dryRun) {
        sb.append("journal: none (dry run)\n");
      } else if (journal == null) {
        sb.append("journal: none (nothing was written)\n");
      } else {
        sb.append("journal: ").append(journal).append("  (undo with: natca-intercom audit --undo ").append(journal).append(")\n");
      }
      return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
      sb.append(String.format("  %-24s %s%n", label, value));
    }
  }
}
