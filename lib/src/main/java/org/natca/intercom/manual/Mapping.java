package org.natca.intercom.manual;

import java.util.Objects;

/**
 * One entry of a mappings file: the Intercom contact {@code contactId} is member {@code memberNumber}.
 *
 * @param index the entry's position in the file's array, from 0
 * @param line the line its object starts on, from 1
 */
public record Mapping(int index, int line, String contactId, int memberNumber) {
  public Mapping {
    Objects.requireNonNull(contactId, "contactId");
  }

  /** How messages name the entry: {@code entry [2] (line 7)}. */
  public String where() {
    return "entry [" + index + "] (line " + line + ")";
  }
}
