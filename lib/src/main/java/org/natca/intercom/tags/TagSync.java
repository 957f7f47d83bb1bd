package org.natca.intercom.tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomRateLimitException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.Tag;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.Verb;
import org.natca.intercom.daily.SyncedMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tag rules phase of daily-sync: makes each rule's tag sit on exactly the contacts of the members the
 * rule selects. Reads the workspace's tags once and each tag's holders in bulk (contact search by
 * {@code tag_id}, 150 a page), plans every tag, checks every detach limit, and only then writes: creates
 * missing tags, attaches and detaches only the difference. Who should hold a tag comes from the contacts
 * the sync itself settled, not from search (which lags behind new contacts). A tag no rule names is never
 * read or touched. A contact that cannot be tagged is a reported failure; the run goes on.
 */
public final class TagSync implements SyncedMembers.Phase {
  private static final Logger log = LoggerFactory.getLogger(TagSync.class);
  /** After this many tag writes in a row get no usable answer, the phase stops (as the member phase does). */
  static final int UNREACHABLE_STREAK_LIMIT = 10;
  private static final int LISTED_IN_SUMMARY = 20;

  private final IntercomClient client;
  private final TagRulesFile.Valid rules;
  private final Map<Integer, Set<Integer>> sqlSelections;
  private final Integer maxDetach;
  private final Map<String, Counts> counts = new LinkedHashMap<>();
  private final List<String> summary = new ArrayList<>();

  /**
   * @param sqlSelections the member numbers each sql rule's query returned, by rule index ({@link RuleQueries})
   * @param maxDetach the per-tag detach limit from {@code --max-detach}, or null for the default
   */
  public TagSync(IntercomClient client, TagRulesFile.Valid rules, Map<Integer, Set<Integer>> sqlSelections, Integer maxDetach) {
    this.client = Objects.requireNonNull(client, "client");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.sqlSelections = Map.copyOf(sqlSelections);
    this.maxDetach = maxDetach;
  }

  /** Counts of one tag, as the report shows them. */
  private static final class Counts {
    final int selected;
    final AtomicInteger attached = new AtomicInteger();
    final AtomicInteger detached = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    Counts(int selected) {
      this.selected = selected;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("selected", selected);
      m.put("attached", attached.get());
      m.put("detached", detached.get());
      m.put("failed", failed.get());
      return m;
    }
  }

  /** One line per tag for the human summary (after {@link #run}). */
  public String summaryLines() {
    StringBuilder sb = new StringBuilder();
    summary.forEach(line -> sb.append(line).append('\n'));
    return sb.toString();
  }

  @Override
  public void run(SyncedMembers synced, RunReport report) {
    List<TagPlan> plans;
    try {
      plans = plan(synced);
    } catch (IntercomException e) {
      // the members are written; the report keeps them, and no tag is written on half a read
      report.abort("reading the tags and their holders failed, so no tag was written: " + e.getMessage());
      summary.add("Tags: not written (reading them failed, see above); the next run tries again");
      return;
    }
    for (TagPlan p : plans) {
      counts.put(p.tag(), new Counts(p.selected()));
    }
    List<String> over = new ArrayList<>();
    for (TagPlan p : plans) {
      int limit = p.detachLimit(maxDetach);
      if (p.detach().size() > limit) {
        over.add("tag \"" + p.tag() + "\" would be detached from " + p.detach().size() + " of its " + p.holders()
            + " contacts, more than the limit of " + limit);
      }
    }
    if (!over.isEmpty()) {
      String why = String.join("; ", over) + (maxDetach == null ? " (max(10, 10% of the holders))" : " (--max-detach)")
          + "; no tag was written. Check the rules and the plan with --dry-run --report=FILE, then allow it with --max-detach="
          + plans.stream().mapToInt(p -> p.detach().size()).max().orElse(0);
      if (!synced.dryRun()) {
        report.abort(why);
        finish(report, plans, Mode.STOPPED);
        return;
      }
      report.warn(why);
    }
    if (synced.dryRun()) {
      for (TagPlan p : plans) {
        p.attach().forEach((contact, member) -> report.action(Verb.TAG, member, contact, reason(p, true)));
        p.attachNew().forEach(member -> report.action(Verb.TAG, member, null, reason(p, true) + ", once the contact is created"));
        p.detach().forEach((contact, member) -> report.action(Verb.UNTAG, member, contact, reason(p, false)));
      }
      finish(report, plans, Mode.DRY_RUN);
      return;
    }
    write(plans, synced, report);
    finish(report, plans, Mode.WRITTEN);
  }

  private enum Mode { WRITTEN, DRY_RUN, STOPPED }

  private static String reason(TagPlan p, boolean attach) {
    return (attach ? "selected by " : "not selected by ") + p.rule().where() + " (tag \"" + p.tag() + "\")";
  }

  /** The report's {@code tags} section and the summary lines; planned members listed when nothing was written. */
  private void finish(RunReport report, List<TagPlan> plans, Mode mode) {
    Map<String, Object> section = new LinkedHashMap<>();
    summary.add(mode == Mode.STOPPED ? "Tags (stopped by the detach limit: nothing written):"
        : mode == Mode.DRY_RUN ? "Tags (dry run: would attach / detach):" : "Tags:");
    for (TagPlan p : plans) {
      Counts c = counts.get(p.tag());
      Map<String, Object> entry = c.toMap();
      boolean planned = mode != Mode.WRITTEN;
      int attached = mode == Mode.WRITTEN ? c.attached.get() : p.attachCount();
      int detached = mode == Mode.WRITTEN ? c.detached.get() : p.detach().size();
      if (mode == Mode.DRY_RUN) {
        entry.put("attached", attached);
        entry.put("detached", detached);
      }
      summary.add(String.format("  %-26s selected %d, attached %d, detached %d, failed %d", quote(p.tag()), c.selected,
          attached, detached, c.failed.get()));
      if (planned) {
        List<Integer> attachMembers = new ArrayList<>(p.attach().values());
        attachMembers.addAll(p.attachNew());
        List<Integer> detachMembers = new ArrayList<>();
        List<String> detachContacts = new ArrayList<>();
        p.detach().forEach((contact, member) -> {
          if (member == null) {
            detachContacts.add(contact);
          } else {
            detachMembers.add(member);
          }
        });
        entry.put("attachMembers", attachMembers);
        entry.put("detachMembers", detachMembers);
        entry.put("detachContacts", detachContacts);
        List<String> detachWho = new ArrayList<>();
        detachMembers.forEach(m -> detachWho.add(String.valueOf(m)));
        detachContacts.forEach(id -> detachWho.add("contact " + id));
        listed("attach to members", attachMembers.stream().map(String::valueOf).toList());
        listed("detach from", detachWho);
      }
      section.put(p.tag(), entry);
    }
    report.put("tags", section);
  }

  private void listed(String what, List<String> who) {
    if (who.isEmpty()) {
      return;
    }
    String shown = String.join(", ", who.subList(0, Math.min(LISTED_IN_SUMMARY, who.size())));
    summary.add("    " + what + " " + shown
        + (who.size() > LISTED_IN_SUMMARY ? " ... and " + (who.size() - LISTED_IN_SUMMARY) + " more (see --report)" : ""));
  }

  private static String quote(String tag) {
    return "\"" + tag + "\"";
  }

  // ---------------------------------------------------------------- planning

  List<TagPlan> plan(SyncedMembers synced) {
    Map<String, Tag> byName = new HashMap<>();
    for (Tag t : client.listTags()) {
      if (t.name() != null) {
        byName.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t);
      }
    }
    Map<String, Integer> memberOf = new HashMap<>();
    synced.contacts().forEach((member, contact) -> memberOf.put(contact, member));
    List<TagPlan> plans = new ArrayList<>();
    for (TagRule rule : rules.rules()) {
      Tag tag = byName.get(rule.tag().toLowerCase(Locale.ROOT));
      Set<String> holders = new LinkedHashSet<>();
      if (tag != null) {
        for (Contact c : client.contactsTagged(tag.id())) {
          holders.add(c.id());
        }
      }
      Map<String, Integer> should = new LinkedHashMap<>();
      List<Integer> attachNew = new ArrayList<>();
      int selected = 0;
      Set<Integer> bySql = rule.selector() instanceof Selector.Sql ? sqlSelections.getOrDefault(rule.index(), Set.of()) : null;
      for (Member m : synced.members()) {
        boolean picked = bySql != null ? bySql.contains(m.memberNumber()) : rule.selector().selects(m);
        if (!picked) {
          continue;
        }
        selected++;
        String contact = synced.contacts().get(m.memberNumber());
        if (contact != null) {
          should.put(contact, m.memberNumber());
        } else if (synced.toCreate().contains(m.memberNumber())) {
          attachNew.add(m.memberNumber());
        }
      }
      Map<String, Integer> attach = new LinkedHashMap<>();
      should.forEach((contact, member) -> {
        if (!holders.contains(contact)) {
          attach.put(contact, member);
        }
      });
      Map<String, Integer> detach = new LinkedHashMap<>();
      for (String contact : holders) {
        if (should.containsKey(contact) || synced.leaveAlone().contains(contact)) {
          continue;
        }
        Integer member = memberOf.get(contact);
        // under --limit only the contacts of the members looked at are known not to be selected
        if (synced.limited() && member == null) {
          continue;
        }
        detach.put(contact, member);
      }
      TagPlan p = new TagPlan(rule, tag == null ? null : tag.id(), selected, holders.size(), attach, attachNew, detach);
      log.info("tag \"{}\" ({}): {} members selected, {} contacts carry it; attach {}, detach {}", rule.tag(),
          tag == null ? "not in the workspace yet" : "id " + tag.id(), selected, holders.size(), p.attachCount(), detach.size());
      plans.add(p);
    }
    return plans;
  }

  // ---------------------------------------------------------------- writing

  private record Write(TagPlan plan, String tagId, String contactId, Integer memberNumber, boolean attach) {}

  private void write(List<TagPlan> plans, SyncedMembers synced, RunReport report) {
    Map<Integer, Member> members = new HashMap<>();
    synced.members().forEach(m -> members.put(m.memberNumber(), m));
    List<Write> writes = new ArrayList<>();
    for (TagPlan p : plans) {
      String tagId = p.tagId();
      if (tagId == null) {
        try {
          tagId = client.createTag(p.tag()).id();
          log.info("created tag \"{}\" (id {})", p.tag(), tagId);
          report.action(Verb.CREATE_TAG, null, null, "tag \"" + p.tag() + "\" of " + p.rule().where() + " is not in the workspace");
        } catch (IntercomException e) {
          counts.get(p.tag()).failed.addAndGet(p.attach().size());
          report.fail(null, null, null, "tag \"" + p.tag() + "\": could not create it: " + e.getMessage());
          if (e.isAuthenticationFailure()) {
            report.abort("Intercom refused the access token: " + e.getMessage());
            return;
          }
          continue;
        }
      }
      for (Map.Entry<String, Integer> a : p.attach().entrySet()) {
        writes.add(new Write(p, tagId, a.getKey(), a.getValue(), true));
      }
      for (Map.Entry<String, Integer> d : p.detach().entrySet()) {
        writes.add(new Write(p, tagId, d.getKey(), d.getValue(), false));
      }
    }
    if (writes.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(synced.concurrency(), writes.size()), r -> {
      Thread t = new Thread(r, "daily-sync-tags");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger streak = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>(writes.size());
      for (Write w : writes) {
        futures.add(pool.submit(() -> {
          if (!report.aborted()) {
            writeOne(w, members.get(w.memberNumber()), report, streak);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.abort("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeOne(Write w, Member member, RunReport report, AtomicInteger streak) {
    Counts c = counts.get(w.plan().tag());
    String what = (w.attach() ? "attach" : "detach") + " tag \"" + w.plan().tag() + "\"";
    try {
      if (w.attach()) {
        client.tagContact(w.contactId(), w.tagId());
        c.attached.incrementAndGet();
      } else {
        untag(w);
        c.detached.incrementAndGet();
      }
      streak.set(0);
      report.action(w.attach() ? Verb.TAG : Verb.UNTAG, w.memberNumber(), w.contactId(), reason(w.plan(), w.attach()));
      log.debug("{}: {} contact {}", what, w.memberNumber(), w.contactId());
    } catch (IntercomUnreachableException | IntercomRateLimitException e) {
      fail(w, member, report, c, what, e);
      if (streak.incrementAndGet() >= UNREACHABLE_STREAK_LIMIT) {
        report.abort("Intercom stopped answering (" + UNREACHABLE_STREAK_LIMIT + " tag writes in a row failed); last error: " + e.getMessage());
      }
    } catch (IntercomException e) {
      fail(w, member, report, c, what, e);
      if (e.isAuthenticationFailure()) {
        report.abort("Intercom refused the access token: " + e.getMessage());
      }
    }
  }

  /** A 404 on detach: the contact is gone (archived, merged, deleted) or no longer carries the tag; either way done. */
  private void untag(Write w) {
    try {
      client.untagContact(w.contactId(), w.tagId());
    } catch (IntercomException e) {
      if (e.status() != 404) {
        throw e;
      }
      log.info("detach tag \"{}\" from contact {}: Intercom answered 404 (gone, or no longer tagged); nothing to do",
          w.plan().tag(), w.contactId());
    }
  }

  private static void fail(Write w, Member member, RunReport report, Counts c, String what, IntercomException e) {
    c.failed.incrementAndGet();
    report.fail(w.memberNumber(), member == null ? null : Emails.clean(member.email()), w.contactId(),
        what + ": " + e.getMessage());
    log.warn("{} on contact {} failed: {}", what, w.contactId(), e.getMessage());
  }
}
