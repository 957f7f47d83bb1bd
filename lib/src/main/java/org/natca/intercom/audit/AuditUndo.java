package org.natca.intercom.audit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Emails;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.Verb;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.ContactWrites;
import org.natca.intercom.report.RunReport.Total;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code audit --undo JOURNAL}: takes back what one audit run did, newest write first. Archived contacts
 * are unarchived; fields an update wrote are put back to the values journaled before it, but only
 * those that still hold what the audit wrote (a field changed since, by daily-sync or an agent, is left
 * and named). Merges and created users cannot be undone; they are listed. The whole journal is read and
 * checked before the first request.
 *
 * <p>A write whose outcome is unknown (its answer was lost, or the run died after journaling it as
 * intended) is undone from the contact's state now: an archive only when the contact is not live, an
 * update field by field as always. A write Intercom refused is skipped. Undo never sends a null that the
 * description forbids ({@code email}, {@code external_id}, {@code role} are non-nullable strings in
 * {@code PUT /contacts/{id}}): such a field, empty before the audit, cannot be emptied again and is named.
 */
public final class AuditUndo {
  private static final Logger log = LoggerFactory.getLogger(AuditUndo.class);

  private final IntercomClient client;
  private final Clock clock;

  public AuditUndo(IntercomClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** @throws JournalException when the journal is missing or malformed (nothing undone) */
  public RunReport run(Path journal, boolean dryRun) {
    List<JournalEntry> entries = JournalReader.read(journal);
    RunReport report = new RunReport("audit-undo", dryRun, clock);
    ContactWrites writes = dryRun ? ContactWrites.dryRun() : new ContactWriter(client);
    report.put("journal", journal.toString());
    report.add(Total.MEMBERS, entries.size());
    log.info("undoing {} journaled writes of {}, newest first", entries.size(), journal);
    for (int i = entries.size() - 1; i >= 0 && !report.aborted(); i--) {
      JournalEntry e = entries.get(i);
      try {
        undo(e, report, writes);
      } catch (IntercomException x) {
        report.fail(e.memberNumber(), null, e.contactId(), "could not undo the " + e.action() + ": " + x.getMessage());
        if (x.isAuthenticationFailure()) {
          report.abort("Intercom refused the access token: " + x.getMessage());
        }
      }
    }
    var stats = client.stats();
    report.requests(stats.total(), stats.writes());
    report.finish();
    return report;
  }

  /** Fields {@code PUT /contacts/{id}} types as non-nullable strings: an empty value cannot be put back. */
  private static final java.util.Set<String> NON_NULLABLE = java.util.Set.of("email", "external_id", "role");

  private void undo(JournalEntry e, RunReport report, ContactWrites writes) {
    if (e.outcome().equals(JournalEntry.FAILED)) {
      report.increment(Total.UNCHANGED);
      report.action(Verb.KEEP, e.memberNumber(), e.contactId(), "nothing to undo: the " + e.action() + " was not done ("
          + e.reason() + ")");
      return;
    }
    if (!e.undoable()) {
      report.increment(Total.SKIPPED);
      String why = e.action().equals(JournalEntry.MERGE)
          ? "a merged lead cannot be split off again (merged into " + e.after().get("merged_into") + ")"
          : e.reason();
      String what = e.contactId() != null ? " of contact " + e.contactId() : " " + e.after().get("name");
      report.action(Verb.CANNOT_UNDO, e.memberNumber(), e.contactId(), e.action() + ": " + why);
      report.warn("not undone: " + e.action() + what + ": " + why);
      return;
    }
    if (e.action().equals(JournalEntry.ARCHIVE)) {
      unarchive(e, report, writes);
    } else {
      restore(e, report, writes);
    }
  }

  private void unarchive(JournalEntry e, RunReport report, ContactWrites writes) {
    if (e.outcome().equals(JournalEntry.UNKNOWN) && isLive(e.contactId())) {
      report.increment(Total.UNCHANGED);
      report.action(Verb.KEEP, e.memberNumber(), e.contactId(), "the archive's outcome was unknown, and the contact is"
          + " live: it never happened");
      return;
    }
    report.action(Verb.UNARCHIVE, e.memberNumber(), e.contactId(), "archived by the audit: " + e.reason());
    switch (writes.unarchive(e.contactId())) {
      case BLOCKED -> {
        report.blocked(e.memberNumber(), null, e.contactId(), "blocked since it was archived; an admin must unblock it"
            + " in Intercom (Settings > Inbox > Blocked people)");
        return;
      }
      case GONE -> {
        report.fail(e.memberNumber(), null, e.contactId(), "cannot unarchive: the contact no longer exists (deleted or merged)");
        return;
      }
      case DONE -> log.info("unarchived contact {}", e.contactId());
      case PLANNED -> { }
    }
    report.increment(Total.UNARCHIVED);
  }

  /** Reads the contact now (a read, also in a dry run). */
  private boolean isLive(String contactId) {
    try {
      client.getContact(contactId);
      return true;
    } catch (IntercomException x) {
      if (x.isNotFound()) { // 404; 410 contact_merged from 2.16
        return false;
      }
      throw x;
    }
  }

  private void restore(JournalEntry e, RunReport report, ContactWrites writes) {
    Contact now;
    try {
      now = client.getContact(e.contactId());
    } catch (IntercomException x) {
      if (x.isNotFound()) {
        report.fail(e.memberNumber(), null, e.contactId(), "cannot restore its fields: the contact is archived or gone"
            + " (unarchive it, then run the undo again)");
        return;
      }
      throw x;
    }
    Map<String, Object> current = JournalEntry.fields(now);
    Map<String, Object> put = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    List<String> restored = new ArrayList<>();
    List<String> changedSince = new ArrayList<>();
    List<String> cannotEmpty = new ArrayList<>();
    for (Map.Entry<String, Object> field : e.after().entrySet()) {
      String name = field.getKey();
      if (name.equals("custom_attributes")) {
        Map<?, ?> written = (Map<?, ?>) field.getValue();
        Map<?, ?> before = asMap(e.before().get("custom_attributes"));
        Map<?, ?> have = asMap(current.get("custom_attributes"));
        for (Map.Entry<?, ?> a : written.entrySet()) {
          String key = String.valueOf(a.getKey());
          Object old = before.get(key);
          if (same(old, have.get(key))) {
            continue; // as before already (or the write never happened)
          }
          if (same(a.getValue(), have.get(key))) {
            attributes.put(key, old);
            restored.add("custom_attributes." + key);
          } else {
            changedSince.add("custom_attributes." + key);
          }
        }
        continue;
      }
      Object old = e.before().get(name);
      if (sameField(name, old, current.get(name))) {
        continue;
      }
      if (sameField(name, field.getValue(), current.get(name))) {
        if (NON_NULLABLE.contains(name) && text(old).isEmpty()) {
          cannotEmpty.add(name);
          continue;
        }
        put.put(name, old);
        restored.add(name);
      } else {
        changedSince.add(name);
      }
    }
    if (!attributes.isEmpty()) {
      put.put("custom_attributes", attributes);
    }
    if (!changedSince.isEmpty()) {
      report.warn("contact " + e.contactId() + ": not restored, changed since the audit wrote them: "
          + String.join(", ", changedSince));
    }
    if (!cannotEmpty.isEmpty()) {
      report.warn("contact " + e.contactId() + ": not restored, empty before the audit, and Intercom's API cannot"
          + " empty them again: " + String.join(", ", cannotEmpty) + " (clear them in Intercom by hand if needed)");
    }
    if (put.isEmpty()) {
      report.increment(Total.UNCHANGED);
      report.action(Verb.KEEP, e.memberNumber(), e.contactId(), changedSince.isEmpty() && cannotEmpty.isEmpty()
          ? "already holds the values from before the audit"
          : "no field the audit wrote can be put back (changed since, or cannot be emptied)");
      return;
    }
    report.action(Verb.RESTORE, e.memberNumber(), e.contactId(), "put back as before the audit: " + String.join(", ", restored)
        + (e.outcome().equals(JournalEntry.UNKNOWN) ? " (the update's outcome was unknown; compared with the contact now)" : ""));
    writes.restore(e.contactId(), put);
    log.info("contact {}: {} {}", e.contactId(), report.dryRun() ? "would restore" : "restored", String.join(", ", restored));
    report.increment(Total.UPDATED);
  }

  private static Map<?, ?> asMap(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static boolean sameField(String name, Object a, Object b) {
    if (name.equals("email")) {
      return Objects.equals(Emails.key(text(a)), Emails.key(text(b)));
    }
    return same(a, b);
  }

  /** As Intercom shows values: null and "" alike, a whole number read back as 12345.0 equal to "12345". */
  static boolean same(Object a, Object b) {
    return text(a).equals(text(b));
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(v.toString());
      if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
        return d.toBigInteger().toString();
      }
    }
    return v.toString();
  }
}
