package org.natca.intercom.sync;

/** Why a member's plan could not be carried out: nothing more was written for the member. */
public sealed interface Problem {
  String contactId();

  /** The line a report or an agent gets. */
  String describe();

  /** The person is blocked in Intercom; no API can unblock them: an admin must ({@code adminAction}). */
  record Blocked(String contactId, String adminAction) implements Problem {
    @Override
    public String describe() {
      return adminAction;
    }
  }

  /**
   * A contact holding the member's email or number that Intercom will not give back, other than a
   * blocked one: merged away or permanently deleted ({@link WriteOutcome.MergedAway}, {@link WriteOutcome.Deleted}).
   */
  record Lost(WriteOutcome.Unrecoverable outcome) implements Problem {
    @Override
    public String contactId() {
      return outcome.contactId();
    }

    @Override
    public String describe() {
      return "contact " + outcome.contactId() + " holds the member's email or number and is " + outcome.whatHappened()
          + "; " + outcome.whatToDo();
    }
  }

  /** The contact in the way is another member's (or Intercom says another contact holds the member's email). */
  record Conflict(String contactId, String reason) implements Problem {
    @Override
    public String describe() {
      return "conflict: " + reason;
    }
  }

  /** The plan refuses this entry (manual-update): the member or the contact cannot be linked, and why. */
  record Refused(String contactId, String reason) implements Problem {
    @Override
    public String describe() {
      return reason;
    }
  }
}
