package org.natca.intercom.format;

import java.util.LinkedHashMap;
import java.util.Map;
import org.natca.intercom.member.Emails;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.member.Member;

/** The table "What a member becomes in Intercom" of CONTRACT.md, in one method. */
public final class ContactPayloads {
  public static final String ROLE = "user";
  /** Region and facility of every Retired member. */
  public static final String RETIRED_CODE = "RNAV";

  private ContactPayloads() {}

  public static MemberPayload forMember(Member member) {
    PhoneResult phone = Phones.toE164(member.phone());
    String memberNumber = Integer.toString(member.memberNumber());

    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(ContactAttributes.MEMBER_NUMBER, memberNumber);
    attributes.put(ContactAttributes.MEMBER_TYPE, MemberTypes.label(member));
    attributes.put(ContactAttributes.REGION, region(member));
    attributes.put(ContactAttributes.FACILITY, facility(member));
    attributes.put(ContactAttributes.POSITIONS, Positions.format(member.positionCodes()));

    ContactDraft draft = new ContactDraft(
        ROLE,
        Emails.clean(member.email()),
        memberNumber,
        Names.full(member.firstName(), member.lastName()),
        phone.e164(),
        attributes);
    return new MemberPayload(draft, phone.problem());
  }

  /** The {@code region} attribute: the region's code, {@value #RETIRED_CODE} for Retired members, "" for none. */
  public static String region(Member member) {
    return code(member, member.regionCode());
  }

  /** The {@code facility} attribute: the facility's code, {@value #RETIRED_CODE} for Retired members, "" for none. */
  public static String facility(Member member) {
    return code(member, member.facilityCode());
  }

  private static String code(Member member, String code) {
    if (member.isRetired()) {
      return RETIRED_CODE;
    }
    return code == null ? "" : code.strip();
  }
}
