package org.natca.intercom.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.SearchQuery;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.member.Member;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.sync.ContactIndex;
import org.natca.intercom.sync.ContactWriter;
import org.natca.intercom.sync.DataAttributes;
import org.natca.intercom.sync.MemberExecutor;
import org.natca.intercom.sync.MemberPlan;

/**
 * Makes one member's user contact right, the daily sync's way, from what a webhook knows: a small
 * {@link ContactIndex} of the contacts found by the member's number or email plus the conversation's
 * contact, planned by {@link ConversationPlans} and carried out by {@link MemberExecutor} (with
 * {@link ContactWriter}'s recoveries: a user search cannot see yet answers the create with a 409).
 */
public final class MemberContactSync {
  /** More contacts than this for one number or email means something else is wrong; the plan uses these. */
  private static final int MAX_CANDIDATES = 50;

  private final IntercomClient client;
  private final ContactWriter writer;
  private final Clock clock;
  private volatile boolean attributesChecked;

  public MemberContactSync(IntercomClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.writer = new ContactWriter(client);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param conversationContact the conversation's contact, freshly fetched, or null
   * @param full write all the member's data even when the contact seems up to date
   */
  public SyncResult sync(Member member, Contact conversationContact, boolean full) {
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
    MemberPlan plan = ConversationPlans.plan(member, draft, ContactIndex.of(byId.values()), conversationContact, full);
    RunReport report = new RunReport("webhook-serve", false, clock);
    if (plan instanceof MemberPlan.Create || plan instanceof MemberPlan.Sync) {
      ensureAttributes(report);
    }
    String contactId = new MemberExecutor(client, writer, report, false).execute(plan);
    return SyncResult.of(member, plan, contactId, report);
  }

  /** Intercom refuses unknown custom attributes; they are checked once per process. */
  private void ensureAttributes(RunReport report) {
    if (!attributesChecked) {
      synchronized (this) {
        if (!attributesChecked) {
          DataAttributes.ensure(client, report, false);
          attributesChecked = true;
        }
      }
    }
  }
}
