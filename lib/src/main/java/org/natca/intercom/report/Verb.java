package org.natca.intercom.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an action in the run report does; {@link #wire()} is how the report spells it. */
public enum Verb {
  CREATE("create"),
  UPDATE("update"),
  UNCHANGED("unchanged"),
  MERGE("merge"),
  ARCHIVE("archive"),
  UNARCHIVE("unarchive"),
  SKIP("skip"),
  CONFLICT("conflict"),
  LEAVE("leave"),
  REFUSE("refuse"),
  BLOCKED("blocked"),
  MERGED_AWAY("merged-away"),
  DELETED("deleted"),
  CREATE_ATTRIBUTE("create-attribute"),
  CANNOT_UNDO("cannot-undo"),
  KEEP("keep"),
  RESTORE("restore"),
  TAG("tag"),
  UNTAG("untag"),
  CREATE_TAG("create-tag");

  private final String wire;

  Verb(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }
}
