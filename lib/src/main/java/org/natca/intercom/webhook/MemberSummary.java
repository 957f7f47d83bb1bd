package org.natca.intercom.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.format.Names;
import org.natca.intercom.member.Member;

/**
 * The lookup endpoint's answer: the member as Intercom shows them (the contract's mapping, so it
 * matches the contact's attributes), with the status and where they were found.
 */
public record MemberSummary(
    String memberNumber,
    String name,
    String status,
    String memberType,
    String region,
    String facility,
    String positions,
    MemberSource source) {

  public static MemberSummary of(Member member, MemberSource source) {
    ContactDraft d = ContactPayloads.forMember(member).draft();
    Map<String, String> a = d.customAttributes();
    return new MemberSummary(
        Integer.toString(member.memberNumber()),
        Names.full(member.firstName(), member.lastName()),
        member.status() == null ? null : member.status().strip(),
        a.get(ContactAttributes.MEMBER_TYPE),
        a.get(ContactAttributes.REGION),
        a.get(ContactAttributes.FACILITY),
        a.get(ContactAttributes.POSITIONS),
        source);
  }

  /** The JSON object, keys as CONTRACT.md names them. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("member_number", memberNumber);
    m.put("name", name);
    m.put("status", status);
    m.put("member_type", memberType);
    m.put("region", region);
    m.put("facility", facility);
    m.put("positions", positions);
    m.put("source", source.key());
    return m;
  }
}
