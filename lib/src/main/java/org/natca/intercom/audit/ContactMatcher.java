package org.natca.intercom.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.natca.intercom.audit.ContactMatch.Source;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.member.Emails;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.Ownership;

/**
 * Matches one contact to a member, without I/O. Sources, in order: the external id (a member number;
 * users only, leads ignore external ids), the email (an Active or Retired member's, trimmed, ignoring
 * case), a legacy {@code Member Number} or {@code member_number} attribute. A match counts only with an
 * Active or Retired member, and only when no other source names someone else: a disagreement is a
 * conflict for a person to settle, never guessed at.
 */
public final class ContactMatcher {
  /** The attribute the original integration wrote, before this toolkit's {@code member_number}. */
  public static final String LEGACY_ATTRIBUTE = ContactAttributes.LEGACY_MEMBER_NUMBER;

  private static final String UNMATCHED_NO_EMAIL = "no external id, no email, no legacy member number attribute";
  private static final String UNMATCHED_OTHER_EMAIL =
      "no external id, the email is no Active or Retired member's, no legacy member number attribute";

  private ContactMatcher() {}

  public static ContactMatch match(Contact contact, MemberIndex members) {
    String externalId = contact.isUser() ? blankToNull(contact.externalId()) : null;
    List<Member> byEmail = members.syncedWithEmail(contact.email());
    Set<Integer> byAttribute = attributeNumbers(contact);

    if (Ownership.isMemberNumber(externalId)) {
      return byExternalId(contact, externalId, byEmail, byAttribute, members);
    }
    String legacy = externalId == null ? "" : "; its external id " + externalId + " is not a member number";
    if (byEmail.size() > 1) {
      List<Integer> numbers = numbers(byEmail);
      return new ContactMatch.Ambiguous(contact, numbers, "members " + numbers + " share the email "
          + Emails.clean(contact.email()) + "; fix the email in the member database" + legacy);
    }
    if (byEmail.size() == 1) {
      Member m = byEmail.get(0);
      Integer other = firstOther(byAttribute, m.memberNumber());
      if (other != null) {
        return new ContactMatch.Conflict(contact, List.of(m.memberNumber(), other),
            "the email is member " + m.memberNumber() + "'s but a legacy attribute says member " + other);
      }
      return new ContactMatch.Matched(contact, m, Source.EMAIL, "matched by email to member " + m.memberNumber() + legacy);
    }
    if (byAttribute.size() > 1) {
      return new ContactMatch.Conflict(contact, new ArrayList<>(byAttribute),
          "the legacy attributes name different members " + byAttribute);
    }
    if (byAttribute.size() == 1) {
      int n = byAttribute.iterator().next();
      Member m = members.byNumber(n);
      if (m != null && m.hasSyncedStatus()) {
        return new ContactMatch.Matched(contact, m, Source.ATTRIBUTE,
            "matched by the legacy member number attribute to member " + n + legacy);
      }
      return new ContactMatch.Unmatched(contact, "its legacy member number attribute " + names(n, m)
          + "; the email is no Active or Retired member's" + legacy);
    }
    boolean noEmail = Emails.clean(contact.email()) == null;
    if (externalId == null) {
      // the reason of most unmatched contacts (visitors' leads): one string each, not one per contact
      return new ContactMatch.Unmatched(contact, noEmail ? UNMATCHED_NO_EMAIL : UNMATCHED_OTHER_EMAIL);
    }
    return new ContactMatch.Unmatched(contact, "external id " + externalId + " is not a member number, "
        + (noEmail ? "no email" : "the email is no Active or Retired member's") + ", no legacy member number attribute");
  }

  private static ContactMatch byExternalId(Contact contact, String externalId, List<Member> byEmail,
      Set<Integer> byAttribute, MemberIndex members) {
    Integer n = MemberNumbers.fromExternalId(externalId);
    if (!byEmail.isEmpty() && byEmail.stream().noneMatch(m -> n != null && m.memberNumber() == n)) {
      List<Integer> named = new ArrayList<>();
      if (n != null) {
        named.add(n);
      }
      named.addAll(numbers(byEmail));
      return new ContactMatch.Conflict(contact, named, "the external id says member " + externalId
          + " but the email " + Emails.clean(contact.email()) + " is member " + joined(numbers(byEmail)) + "'s");
    }
    Integer other = firstOther(byAttribute, n);
    if (other != null) {
      List<Integer> named = new ArrayList<>();
      if (n != null) {
        named.add(n);
      }
      named.add(other);
      return new ContactMatch.Conflict(contact, named,
          "the external id says member " + externalId + " but a legacy attribute says member " + other);
    }
    Member m = n == null ? null : members.byNumber(n);
    if (m != null && m.hasSyncedStatus()) {
      return new ContactMatch.Matched(contact, m, Source.EXTERNAL_ID, "matched by external id to member " + n);
    }
    return new ContactMatch.Unmatched(contact, "its external id " + names(externalId, m)
        + (Emails.clean(contact.email()) == null ? "" : "; the email is no Active or Retired member's"));
  }

  /** The numbers in the legacy attributes, {@code member_number} first; unreadable values are ignored. */
  static Set<Integer> attributeNumbers(Contact contact) {
    Set<Integer> found = new LinkedHashSet<>();
    for (String name : List.of(ContactAttributes.MEMBER_NUMBER, LEGACY_ATTRIBUTE)) {
      Integer n = MemberNumbers.fromLegacyAttribute(contact.customAttributes().get(name));
      if (n != null) {
        found.add(n);
      }
    }
    return found;
  }

  private static Integer firstOther(Set<Integer> numbers, Integer expected) {
    for (Integer x : numbers) {
      if (!x.equals(expected)) {
        return x;
      }
    }
    return null;
  }

  private static String names(Object number, Member m) {
    if (m == null) {
      return number + " names no member in the database";
    }
    return number + " names member " + m.memberNumber() + ", whose status is " + m.status()
        + " (only Active and Retired members are synced)";
  }

  private static List<Integer> numbers(List<Member> members) {
    return members.stream().map(Member::memberNumber).toList();
  }

  private static String joined(List<Integer> numbers) {
    return numbers.size() == 1 ? numbers.get(0).toString() : numbers.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
