package org.natca.intercom.tags;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.natca.intercom.format.ContactPayloads;
import org.natca.intercom.format.MemberTypes;
import org.natca.intercom.member.Member;

/**
 * How a tag rule picks members among those daily-sync syncs. Values are compared trimmed and ignoring
 * case; {@code member_type}, {@code region} and {@code facility} are the values the contact shows in
 * Intercom (so a Retired member's region is {@code RNAV}), {@code positions} are current position codes.
 */
public sealed interface Selector {
  /** The key that names this selector in the rules file. */
  String key();

  /** Whether this member is selected; an {@link Sql} selector answers from its query's result instead. */
  boolean selects(Member member);

  /** {@code "all": true}. */
  record All() implements Selector {
    @Override
    public String key() {
      return "all";
    }

    @Override
    public boolean selects(Member member) {
      return true;
    }
  }

  /** A value list selector: {@code positions}, {@code status}, {@code member_type}, {@code region} or {@code facility}. */
  record Values(String key, Set<String> values) implements Selector {
    public Values {
      if (!LIST_KEYS.contains(key)) {
        throw new IllegalArgumentException("not a value selector: " + key);
      }
      TreeSet<String> normal = new TreeSet<>();
      values.forEach(v -> normal.add(normal(v)));
      values = Set.copyOf(normal);
    }

    @Override
    public boolean selects(Member member) {
      switch (key) {
        case "positions":
          return member.positionCodes().stream().anyMatch(code -> code != null && values.contains(normal(code)));
        case "status":
          return values.contains(normal(member.status()));
        case "member_type":
          return values.contains(normal(MemberTypes.label(member)));
        case "region":
          return values.contains(normal(ContactPayloads.region(member)));
        default:
          return values.contains(normal(ContactPayloads.facility(member)));
      }
    }
  }

  /** {@code "sql": "select membernumber from ..."}: one integer column of member numbers, run read-only. */
  record Sql(String query) implements Selector {
    @Override
    public String key() {
      return "sql";
    }

    @Override
    public boolean selects(Member member) {
      throw new UnsupportedOperationException("an sql rule selects by its query's result");
    }
  }

  /** The keys of the value list selectors, in the order the contract lists them. */
  Set<String> LIST_KEYS = Set.of("positions", "status", "member_type", "region", "facility");

  private static String normal(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }
}
