package org.natca.intercom.webhook;

/** What processing one event came to; {@code summary} is the log line's "what and why". */
public sealed interface EventOutcome {
  String summary();

  /** Done: something was written, or checked and found right. */
  record Done(String summary) implements EventOutcome {}

  /** Nothing to do, and why (not our tag, already enriched, not a member...). */
  record Ignored(String summary) implements EventOutcome {}

  /** Could not be done as asked; whoever asked was told (the tag stays and a note explains). */
  record Refused(String summary) implements EventOutcome {}

  /** Could not be done and will not be retried; stored as failed with this error. */
  record Failed(String summary) implements EventOutcome {}
}
