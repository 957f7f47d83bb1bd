package org.natca.intercom.webhook;

import java.util.Set;

/** The webhook topics this toolkit acts on; every other topic is acknowledged and ignored. */
public final class Topics {
  public static final String PING = "ping";
  public static final String USER_CREATED = "conversation.user.created";
  public static final String USER_REPLIED = "conversation.user.replied";
  public static final String TAG_CREATED = "conversation_part.tag.created";

  /** Topics that are stored and processed. */
  public static final Set<String> HANDLED = Set.of(USER_CREATED, USER_REPLIED, TAG_CREATED);

  private Topics() {}

  /** Agents wait for a tag re-sync; enrichment is background work. Lower runs first. */
  public static int priority(String topic) {
    return TAG_CREATED.equals(topic) ? 0 : 1;
  }
}
