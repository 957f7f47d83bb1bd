package org.natca.intercom.webhook;

import java.util.List;
import org.natca.intercom.member.Member;

/** Who has an email, for enrichment: one Active or Retired member, several, or none. */
public sealed interface EmailMatch {

  record Found(Member member, MemberSource source) implements EmailMatch {}

  /** More than one Active or Retired member has the email: none of them is picked. */
  record Ambiguous(List<Integer> memberNumbers, MemberSource source) implements EmailMatch {}

  record NotFound(String reason) implements EmailMatch {}
}
