package org.natca.intercom.audit;

import java.util.List;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Member;

/** Whose contact is this? What {@link ContactMatcher} concluded for one contact, with the reason. */
public sealed interface ContactMatch {
  Contact contact();

  String reason();

  /** The members this contact names by any source; the audit plans each of them with it in view. */
  List<Integer> memberNumbers();

  /** How a match was found, in the order the sources are tried. */
  enum Source {
    EXTERNAL_ID("external id"), EMAIL("email"), ATTRIBUTE("legacy member number attribute");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The contact is this Active or Retired member's. */
  record Matched(Contact contact, Member member, Source source, String reason) implements ContactMatch {
    @Override
    public List<Integer> memberNumbers() {
      return List.of(member.memberNumber());
    }
  }

  /** Two sources name different members: reported, and the contact (and those members) left alone. */
  record Conflict(Contact contact, List<Integer> memberNumbers, String reason) implements ContactMatch {
    public Conflict {
      memberNumbers = List.copyOf(memberNumbers);
    }
  }

  /** The email is shared by several Active or Retired members: no single member to give the contact to. */
  record Ambiguous(Contact contact, List<Integer> memberNumbers, String reason) implements ContactMatch {
    public Ambiguous {
      memberNumbers = List.copyOf(memberNumbers);
    }
  }

  /** No Active or Retired member: the stale rules apply. */
  record Unmatched(Contact contact, String reason) implements ContactMatch {
    @Override
    public List<Integer> memberNumbers() {
      return List.of();
    }
  }
}
