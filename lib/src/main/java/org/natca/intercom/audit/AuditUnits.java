package org.natca.intercom.audit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.natca.intercom.audit.AuditPlan.MemberWork;
import org.natca.intercom.audit.AuditPlan.Stale;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.sync.Applied;
import org.natca.intercom.sync.Applier;
import org.natca.intercom.sync.ContactWrites;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.WriteLog;

/**
 * The audit's two kinds of unit, each handed to the {@link Applier} with the audit's reasons and its
 * journal: one member's contacts, or one stale contact. Counts what the audit reports beyond the totals.
 */
final class AuditUnits {
  private final Applier applier;
  private final Journal journal;
  private final Clock clock;
  private final Audit.Counts counts;
  private final Map<String, String> staleReasons = new ConcurrentHashMap<>();

  /** @param journal null in a dry run */
  AuditUnits(ContactWrites writes, Journal journal, Clock clock, Audit.Counts counts) {
    this.applier = new Applier(writes);
    this.journal = journal;
    this.clock = clock;
    this.counts = counts;
  }

  void member(MemberWork w, Applied.Builder out) {
    AuditReasons reasons = new AuditReasons(w);
    applier.apply(w.plan(), reasons, log(reasons), out);
    if (w.plan() instanceof MemberPlan.Sync s && AuditReasons.replacesLegacyId(s.keep(), s.changedFields())
        && out.build().count(Total.UPDATED) > 0) {
      counts.legacyReplaced.incrementAndGet();
    }
  }

  void stale(Stale s, Applied.Builder out) {
    // one reason string per distinct reason, not per contact: 80,000 stale leads share two or three
    applier.archiveStale(s.contact(), staleReasons.computeIfAbsent(s.reason(), r -> r + "; no open or snoozed conversation"),
        log(null), out);
    counts.staleArchived.incrementAndGet();
  }

  private WriteLog log(AuditReasons reasons) {
    return journal == null ? WriteLog.NONE : new JournalLog(journal, clock, reasons);
  }
}
