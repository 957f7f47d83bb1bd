package org.natca.intercom.format;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Position codes ({@code positions.positiontype}) to the labels shown in Intercom. The table is the only
 * place a code is spelled out.
 *
 * <p>Codes are matched after trimming and ignoring case ({@code FacRep} is {@code facrep}): the codes
 * are typed in by hand, and a different case never means a different position. An unknown code is kept
 * as it is (trimmed), so a new position shows up instead of disappearing.
 */
public final class Positions {
  /** Lower-case code to label. */
  public static final Map<String, String> LABELS = Map.of(
      "facpres", "Facility President",
      "facrep", "Facility Representative",
      "arearep", "Area Representative",
      "rvp", "Regional Vice President",
      "evp", "Executive Vice President",
      "pres", "President",
      "neb", "National Executive Board");

  private Positions() {}

  /** The label of one code, or the trimmed code itself when unknown; null for null or blank. */
  public static String label(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String trimmed = code.strip();
    return LABELS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
  }

  /**
   * Labels of the codes, de-duplicated, sorted (by {@link String#compareTo}, so the result never
   * depends on the database's row order) and joined with {@code ", "}; {@code ""} when there are none.
   */
  public static String format(Collection<String> codes) {
    if (codes == null || codes.isEmpty()) {
      return "";
    }
    TreeSet<String> labels = new TreeSet<>();
    for (String code : codes) {
      String label = label(code);
      if (label != null) {
        labels.add(label);
      }
    }
    return String.join(", ", labels);
  }
}
