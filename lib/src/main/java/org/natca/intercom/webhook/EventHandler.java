package org.natca.intercom.webhook;

/** Processes one stored event. An exception means "try again later" (until the last attempt). */
@FunctionalInterface
public interface EventHandler {

  /** @param lastAttempt no retry follows a failure of this attempt: say so to whoever waits for it */
  EventOutcome handle(StoredEvent event, boolean lastAttempt);
}
