package org.natca.intercom.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.natca.intercom.member.LegacyMemberDirectory;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberDatabaseException;
import org.natca.intercom.member.MemberRepository;

/**
 * Finds a member by email: in the member database first, then (when configured) in the legacy
 * MyNATCA MySQL database. A legacy hit names a member number; the member database's record of that
 * number is used, since only it has the region, facility and positions. A member the member database
 * does not know is never written to Intercom (it is the source of members' data: daily-sync would
 * never own such a contact, and the audit would call it stale); the lookup endpoint may still show
 * what the legacy database knows. A failing legacy database is a
 * {@link LegacyDatabaseUnavailableException}.
 */
public final class MembersByEmail {
  private final MemberRepository members;
  private final LegacyMemberDirectory legacy;

  /** @param legacy null when MYSQL_HOST is not configured */
  public MembersByEmail(MemberRepository members, LegacyMemberDirectory legacy) {
    this.members = Objects.requireNonNull(members, "members");
    this.legacy = legacy;
  }

  /** For enrichment: the one Active or Retired member with this email. */
  public EmailMatch forEnrichment(String email) {
    List<Member> synced = members.findByEmail(email).stream().filter(Member::hasSyncedStatus).toList();
    if (synced.size() == 1) {
      return new EmailMatch.Found(synced.get(0), MemberSource.POSTGRES);
    }
    if (synced.size() > 1) {
      return new EmailMatch.Ambiguous(numbers(synced), MemberSource.POSTGRES);
    }
    if (legacy == null) {
      return new EmailMatch.NotFound("no Active or Retired member has this email (the MySQL fallback is not configured)");
    }
    List<Member> legacyHits = legacyByEmail(email).stream().filter(Member::hasSyncedStatus).toList();
    if (legacyHits.isEmpty()) {
      return new EmailMatch.NotFound("no Active or Retired member has this email, in PostgreSQL or the legacy MySQL database");
    }
    if (legacyHits.size() > 1) {
      return new EmailMatch.Ambiguous(numbers(legacyHits), MemberSource.MYSQL);
    }
    Member old = legacyHits.get(0);
    Optional<Member> current = members.findByNumber(old.memberNumber());
    if (current.isEmpty()) {
      return new EmailMatch.NotFound("the legacy MySQL database has this email for member " + old.memberNumber()
          + ", whom the member database does not know; not written to Intercom (the member database is the source of"
          + " members' data)");
    }
    Member m = current.get();
    if (!m.hasSyncedStatus()) {
      return new EmailMatch.NotFound("the legacy MySQL database has this email for member " + old.memberNumber()
          + ", who is " + m.status() + " in the member database");
    }
    if (m.email() == null || m.email().isBlank()) {
      // the member database has no email for them: the one they write from is the best there is
      m = withEmail(m, old.email());
    }
    return new EmailMatch.Found(m, MemberSource.MYSQL);
  }

  /**
   * For the lookup endpoint: the member with this email, whatever the status (Active and Retired
   * first, then by member number), from PostgreSQL, else from the legacy database.
   */
  public Optional<EmailMatch.Found> find(String email) {
    List<Member> found = members.findByEmail(email);
    if (!found.isEmpty()) {
      return Optional.of(new EmailMatch.Found(found.get(0), MemberSource.POSTGRES));
    }
    if (legacy == null) {
      return Optional.empty();
    }
    List<Member> legacyHits = legacyByEmail(email);
    if (legacyHits.isEmpty()) {
      return Optional.empty();
    }
    Member old = legacyHits.get(0);
    Member best = members.findByNumber(old.memberNumber()).orElse(old);
    return Optional.of(new EmailMatch.Found(best, MemberSource.MYSQL));
  }

  private List<Member> legacyByEmail(String email) {
    try {
      return legacy.findByEmail(email);
    } catch (MemberDatabaseException e) {
      throw new LegacyDatabaseUnavailableException(e);
    }
  }

  private static List<Integer> numbers(List<Member> members) {
    return members.stream().map(Member::memberNumber).toList();
  }

  private static Member withEmail(Member m, String email) {
    return new Member(m.memberNumber(), m.firstName(), m.lastName(), email, m.phone(), m.status(), m.memberTypeId(),
        m.memberTypeName(), m.regionCode(), m.facilityCode(), m.positionCodes());
  }
}
