package org.natca.intercom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The words the report gives each way a contact is lost (pinned: admins act on them). */
class WriteOutcomeTest {
  static final String BLOCKED_HAPPENED = "blocked in Intercom; no API can unblock a person";
  static final String BLOCKED_TODO = "an admin must unblock them in Intercom (Settings > Inbox > Blocked people), and the"
      + " next run will restore the contact";
  static final String MERGED_HAPPENED = "merged into another contact in Intercom, and Intercom cannot restore it, yet it"
      + " still holds the member's email or member number, so no contact can be created for the member";
  static final String MERGED_TODO = "find the contact it was merged into in Intercom and link it to the member with"
      + " manual-update (contact id and member number), or ask Intercom support to release the email and external id";
  static final String DELETED_HAPPENED = "permanently deleted in Intercom, yet Intercom still reserves the member's email"
      + " or member number for it (a create answers 409 naming it; unarchiving it answers 500 every time)";
  static final String DELETED_TODO = "ask Intercom support to release the email and external id of the deleted contact,"
      + " or give the member another email in the member database";

  @Test
  void everyKind_hasItsNameAndWords_andTheirOneLine() {
    List<WriteOutcome.Unrecoverable> lost = List.of(
        new WriteOutcome.Blocked("b1", "the caller's line"), new WriteOutcome.MergedAway("m1"), new WriteOutcome.Deleted("d1"));

    assertEquals(List.of("blocked", "merged-away", "deleted"), lost.stream().map(WriteOutcome.Unrecoverable::kind).toList());
    assertEquals(List.of(BLOCKED_HAPPENED, MERGED_HAPPENED, DELETED_HAPPENED),
        lost.stream().map(WriteOutcome.Unrecoverable::whatHappened).toList());
    assertEquals(List.of(BLOCKED_TODO, MERGED_TODO, DELETED_TODO), lost.stream().map(WriteOutcome.Unrecoverable::whatToDo).toList());
    assertEquals(List.of("the caller's line", MERGED_HAPPENED + "; " + MERGED_TODO, DELETED_HAPPENED + "; " + DELETED_TODO),
        lost.stream().map(WriteOutcome.Unrecoverable::adminAction).toList());
    assertEquals(List.of("b1", "m1", "d1"), lost.stream().map(WriteOutcome.Unrecoverable::contactId).toList());
  }
}
