package org.natca.intercom.tags;

import java.util.Objects;

/**
 * One rule of the rules file: the tag's name (as written, trimmed) and what selects its members.
 * {@code index} is its place in the array; {@code line} and {@code column} where its selector's value
 * starts, so a problem found later (an {@code sql} that fails) can name the spot.
 */
public record TagRule(int index, int line, int column, String tag, Selector selector) {
  public TagRule {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(selector, "selector");
  }

  /** "rule [2]", as problem lines name it. */
  public String where() {
    return "rule [" + index + "]";
  }
}
