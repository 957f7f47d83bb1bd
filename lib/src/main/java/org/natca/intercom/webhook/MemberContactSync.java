package org.natca.intercom.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Member;
import org.natca.intercom.sync.ContactIndex;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.DataAttributes;
import org.natca.intercom.sync.Applier;
import org.natca.intercom.sync.MemberPlan;
import org.natca.intercom.sync.Reasons;
import org.natca.intercom.sync.WriteLog;

/**
 * Makes one member's user contact right, the daily sync's way, from what a webhook knows: a small
 * {@link ContactIndex} of the contacts found by the member's number or email plus the conversation's
 * contact, planned by {@link ConversationPlans} and carried out by the {@link Applier} (with
 * {@link ContactWriter}'s recoveries: a user search cannot see yet answers the create with a 409).
 */
public final class MemberContactSync {
  /** More contacts than this for one number or email means something else is wrong; the plan uses these. */
  private static final int MAX_CANDIDATES = 50;

  private final IntercomClient client;
  private final Applier applier;
  private volatile boolean attributesChecked;

  public MemberContactSync(IntercomClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.applier = new Applier(new ContactWriter(client));
  }

  /**
   * Writes only what differs (a member whose user is exact costs the search and nothing else).
   *
   * @param conversationContact the conversation's contact, freshly fetched, or null
   */
  public SyncResult sync(Member member, Contact conversationContact) {
    ContactDraft draft = ContactPayloads.forMember(member).draft();
    Map<String, Contact> byId = new LinkedHashMap<>();
    if (conversationContact != null) {
      byId.put(conversationContact.id(), conversationContact); // fresh: wins over a search's older copy
    }
    SearchQuery query = draft.email() == null
        ? SearchQuery.eq("external_id", draft.externalId())
        : SearchQuery.or(SearchQuery.eq("external_id", draft.externalId()), SearchQuery.eq("email", draft.email()));
    int seen = 0;
    for (Contact c : client.searchContacts(query)) {
      byId.putIfAbsent(c.id(), c);
      if (++seen >= MAX_CANDIDATES) {
        break;
      }
    }
    MemberPlan plan = ConversationPlans.plan(member, draft, ContactIndex.of(byId.values()), conversationContact);
    if (plan instanceof MemberPlan.Create || (plan instanceof MemberPlan.Sync s && s.writes())) {
      ensureAttributes();
    }
    return SyncResult.of(member, applier.apply(plan, Reasons.DAILY_SYNC, WriteLog.NONE));
  }

  /** Intercom refuses unknown custom attributes; they are checked once per process, before the first write. */
  private void ensureAttributes() {
    if (!attributesChecked) {
      synchronized (this) {
        if (!attributesChecked) {
          DataAttributes.ensure(client, false);
          attributesChecked = true;
        }
      }
    }
  }
}
