package org.natca.intercom.format;

import java.util.List;

/** The custom contact attributes this toolkit owns in Intercom. All are of data type "string". */
public final class ContactAttributes {
  public static final String MEMBER_NUMBER = "member_number";
  public static final String MEMBER_TYPE = "member_type";
  public static final String REGION = "region";
  public static final String FACILITY = "facility";
  public static final String POSITIONS = "positions";

  /** In the order they are written. */
  public static final List<String> ALL = List.of(MEMBER_NUMBER, MEMBER_TYPE, REGION, FACILITY, POSITIONS);

  /** Intercom's data type for every attribute in {@link #ALL}. */
  public static final String DATA_TYPE = "string";

  private ContactAttributes() {}
}
