package org.natca.intercom.audit;

import java.util.List;
import java.util.Map;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.member.Member;

/** Contacts and members for the audit's unit tests. */
final class Fixtures {
  private Fixtures() {}

  static Member active(int n, String email) {
    return new Member(n, "First" + n, "Last" + n, email, null, "Active", 6, "Full Member", "NE", "ZBW", List.of());
  }

  static Member withStatus(Member m, String status) {
    return new Member(m.memberNumber(), m.firstName(), m.lastName(), m.email(), m.phone(), status, m.memberTypeId(),
        m.memberTypeName(), m.regionCode(), m.facilityCode(), m.positionCodes());
  }

  /** A user that already holds exactly what the sync would write for {@link #active}. */
  static Contact synced(String id, int n, String email) {
    return new Contact(id, "user", email, Integer.toString(n), "First" + n + " Last" + n, null,
        Map.of("member_number", Integer.toString(n), "member_type", "Current Member", "region", "NE",
            "facility", "ZBW", "positions", ""), 1_600_000_000L, 1_600_000_000L);
  }

  static Contact user(String id, String email, String externalId) {
    return user(id, email, externalId, 1_600_000_000L);
  }

  static Contact user(String id, String email, String externalId, long createdAt) {
    return new Contact(id, "user", email, externalId, null, null, Map.of(), createdAt, createdAt);
  }

  static Contact lead(String id, String email) {
    return new Contact(id, "lead", email, null, null, null, Map.of(), 1_600_000_000L, 1_600_000_000L);
  }

  static Contact withAttribute(Contact c, String name, Object value) {
    java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>(c.customAttributes());
    attributes.put(name, value);
    return new Contact(c.id(), c.role(), c.email(), c.externalId(), c.name(), c.phone(), attributes, c.createdAt(), c.updatedAt());
  }
}
