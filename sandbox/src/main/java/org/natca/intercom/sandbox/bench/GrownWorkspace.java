package org.natca.intercom.sandbox.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.natca.intercom.sandbox.emulator.EmulatedContact;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;

/**
 * Grows an emulated workspace the way a real support workspace grows (issue #15): leads left by
 * Messenger visitors, and other apps' custom attributes on every contact. Seeded straight into the
 * emulator, so 100,000 contacts take seconds, not the hours the API would.
 */
final class GrownWorkspace {
  /** Other apps' attributes, as a CRM, billing and analytics integration would write them. */
  static final List<String> FOREIGN_ATTRIBUTES = List.of(
      "hubspot_contact_id", "hubspot_lifecycle_stage", "hubspot_lead_score", "hubspot_owner",
      "stripe_customer_id", "stripe_plan", "stripe_mrr_cents", "stripe_delinquent",
      "segment_anonymous_id", "segment_last_event", "segment_last_seen_at", "segment_sessions",
      "zendesk_user_id", "zendesk_tickets_open", "zendesk_org", "mailchimp_status",
      "mailchimp_rating", "survey_nps", "survey_comment", "web_referrer");
  private static final String[] STAGES = {"subscriber", "lead", "marketingqualifiedlead", "opportunity", "customer", "evangelist"};
  private static final String[] PLANS = {"free", "basic", "pro", "enterprise"};
  private static final String[] EVENTS = {"Page Viewed", "Messenger Opened", "Article Read", "Form Submitted", "Email Clicked"};

  private final IntercomEmulator intercom;
  private final Random random;
  private int leads;

  GrownWorkspace(IntercomEmulator intercom, long seed) {
    this.intercom = intercom;
    this.random = new Random(seed);
  }

  /** Defines the foreign attributes (once) and writes them onto every live contact that lacks them. */
  void addForeignAttributesToEveryContact() {
    for (String name : FOREIGN_ATTRIBUTES) {
      if (!intercom.hasAttribute(name)) {
        intercom.defineAttribute(name, type(name));
      }
    }
    for (EmulatedContact c : intercom.contacts()) {
      if (!c.customAttributes().containsKey(FOREIGN_ATTRIBUTES.get(0))) {
        intercom.setAttributes(c.id(), foreignAttributes());
      }
    }
  }

  /** Adds {@code count} leads, each with an email no member has and every foreign attribute. */
  List<String> addLeads(int count) {
    List<String> ids = new ArrayList<>(count);
    Instant base = Instant.parse("2021-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      int n = ++leads;
      SeedContact lead = new SeedContact("lead", "visitor" + n + "@mail" + (n % 97) + ".example.com", null,
          n % 3 == 0 ? null : "Visitor " + n, null, foreignAttributes(), base.plusSeconds(n * 37L));
      ids.add(intercom.addContact(lead));
    }
    return ids;
  }

  /** Open, snoozed and closed conversations on some of these contacts; returns how many are open or snoozed. */
  int addConversations(List<String> contactIds, int open, int snoozed, int closed) {
    for (int i = 0; i < open + snoozed + closed; i++) {
      String state = i < open ? "open" : i < open + snoozed ? "snoozed" : "closed";
      String id = intercom.addConversation(contactIds.get(random.nextInt(contactIds.size())), state, null);
      if (i % 10 == 0) {
        intercom.addParticipant(id, contactIds.get(random.nextInt(contactIds.size())));
      }
    }
    return open + snoozed;
  }

  private Map<String, Object> foreignAttributes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hubspot_contact_id", Long.toString(1_000_000_000L + random.nextInt(900_000_000)));
    m.put("hubspot_lifecycle_stage", STAGES[random.nextInt(STAGES.length)]);
    m.put("hubspot_lead_score", random.nextInt(100));
    m.put("hubspot_owner", "owner" + random.nextInt(40) + "@natca.test");
    m.put("stripe_customer_id", "cus_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    m.put("stripe_plan", PLANS[random.nextInt(PLANS.length)]);
    m.put("stripe_mrr_cents", random.nextInt(50_000));
    m.put("stripe_delinquent", random.nextInt(20) == 0);
    m.put("segment_anonymous_id", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
    m.put("segment_last_event", EVENTS[random.nextInt(EVENTS.length)]);
    m.put("segment_last_seen_at", 1_700_000_000L + random.nextInt(40_000_000));
    m.put("segment_sessions", random.nextInt(500));
    m.put("zendesk_user_id", 360_000_000_000L + random.nextInt(1_000_000_000));
    m.put("zendesk_tickets_open", random.nextInt(4));
    m.put("zendesk_org", "Facility " + random.nextInt(300));
    m.put("mailchimp_status", random.nextBoolean() ? "subscribed" : "unsubscribed");
    m.put("mailchimp_rating", random.nextInt(6));
    m.put("survey_nps", random.nextInt(11));
    m.put("survey_comment", random.nextInt(4) == 0 ? "The app was easy to use, but I could not find my facility's contract." : "");
    m.put("web_referrer", "https://www.natca.org/" + EVENTS[random.nextInt(EVENTS.length)].toLowerCase().replace(' ', '-'));
    return m;
  }

  private static String type(String name) {
    return switch (name) {
      case "hubspot_lead_score", "stripe_mrr_cents", "segment_sessions", "zendesk_user_id", "zendesk_tickets_open",
           "mailchimp_rating", "survey_nps" -> "integer";
      case "stripe_delinquent" -> "boolean";
      case "segment_last_seen_at" -> "date";
      default -> "string";
    };
  }
}
