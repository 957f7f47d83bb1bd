package org.natca.intercom.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;

/** Every member in memory, indexed by number (any status) and by email (Active or Retired only): what the audit matches contacts against. */
public final class MemberIndex {
  private final Map<Integer, Member> byNumber = new HashMap<>();
  private final Map<String, List<Member>> syncedByEmail = new HashMap<>();

  private MemberIndex() {}

  public static MemberIndex of(Iterable<Member> members) {
    MemberIndex lookup = new MemberIndex();
    for (Member m : members) {
      lookup.byNumber.put(m.memberNumber(), m);
      String key = Emails.key(m.email());
      if (key != null && m.hasSyncedStatus()) {
        lookup.syncedByEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(m);
      }
    }
    return lookup;
  }

  public int size() {
    return byNumber.size();
  }

  /** The member with this number, any status; null when there is none. */
  public Member byNumber(int memberNumber) {
    return byNumber.get(memberNumber);
  }

  /** Active and Retired members with this email (trimmed, ignoring case), by member number as loaded. */
  public List<Member> syncedWithEmail(String email) {
    String key = Emails.key(email);
    return key == null ? List.of() : syncedByEmail.getOrDefault(key, List.of());
  }

  /** True when the text is the number of an Active or Retired member: such a contact is never archived. */
  public boolean isSyncedMemberNumber(String text) {
    Integer n = MemberNumbers.fromExternalId(text);
    Member m = n == null ? null : byNumber.get(n);
    return m != null && m.hasSyncedStatus();
  }
}
