package org.natca.intercom.format;

import java.util.List;
import java.util.Set;

/** The custom contact attributes this toolkit owns in Intercom. All are of data type "string". */
public final class ContactAttributes {
  public static final String MEMBER_NUMBER = "member_number";
  public static final String MEMBER_TYPE = "member_type";
  public static final String REGION = "region";
  public static final String FACILITY = "facility";
  public static final String POSITIONS = "positions";

  /** In the order they are written. */
  public static final List<String> ALL = List.of(MEMBER_NUMBER, MEMBER_TYPE, REGION, FACILITY, POSITIONS);

  /** The attribute the original integration wrote the member number to, before {@link #MEMBER_NUMBER}. */
  public static final String LEGACY_MEMBER_NUMBER = "Member Number";

  /**
   * The custom attributes the toolkit reads from a contact: its own and the legacy member number. A
   * bulk read keeps only these; other apps' attributes are dropped while the page is parsed.
   */
  public static final Set<String> READ = Set.of(MEMBER_NUMBER, MEMBER_TYPE, REGION, FACILITY, POSITIONS, LEGACY_MEMBER_NUMBER);

  /** Intercom's data type for every attribute in {@link #ALL}. */
  public static final String DATA_TYPE = "string";

  private ContactAttributes() {}
}
