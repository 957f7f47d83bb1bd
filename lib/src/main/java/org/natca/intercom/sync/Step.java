package org.natca.intercom.sync;

import java.util.Objects;
import org.natca.intercom.report.Verb;

/** One step the applier took (or, in a dry run, would take) for a member, on a contact, and why. */
public record Step(Verb verb, String contactId, String reason) {
  public Step {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(reason, "reason");
  }
}
