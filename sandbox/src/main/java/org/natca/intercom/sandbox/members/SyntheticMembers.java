package org.natca.intercom.sandbox.members;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Fills a PostgreSQL database that has the member schema with realistic, messy, deterministic members:
 * about 80% Active and 14% Retired, 2% without an email, emails in mixed case or padded with spaces, phones
 * in many formats (3% beyond repair), positions current and ended, a few members sharing an email.
 * The same count, seed, start number and day give the same rows. Rows go in with COPY: 20,000 members
 * take well under a second plus generation.
 */
public final class SyntheticMembers {
  /** Member numbers start here in an empty database; otherwise after the highest one present. */
  public static final int FIRST_MEMBER_NUMBER = 10_001;
  /** A position code the sync does not know; it must be kept as it is. */
  public static final String UNKNOWN_POSITION = "safetyrep";
  public static final List<String> POSITION_CODES = List.of("facrep", "facpres", "arearep", "rvp", "evp", "pres", "neb", UNKNOWN_POSITION);

  private static final String MEMBER_COLUMNS =
      "membernumber, firstname, lastname, email, phone, status, membertypeid, region_id, facility_id";

  private SyntheticMembers() {}

  /** What {@link #fill} put in. */
  public record Summary(
      int members,
      int positions,
      int firstMemberNumber,
      int lastMemberNumber,
      Map<String, Integer> byStatus,
      int withoutEmail,
      int invalidPhones,
      Duration elapsed) {}

  /** Rows made by {@link #generate}, not yet stored. */
  public record Generated(List<MemberRow> members, List<PositionRow> positions) {}

  /** Adds {@code count} members (and their positions) to {@code schema}, positions dated relative to today (UTC). */
  public static Summary fill(DataSource dataSource, String schema, int count, long seed) {
    return fill(dataSource, schema, count, seed, LocalDate.now(ZoneOffset.UTC));
  }

  public static Summary fill(DataSource dataSource, String schema, int count, long seed, LocalDate today) {
    long start = System.nanoTime();
    ensureReferenceData(dataSource, schema);
    int first = nextMemberNumber(dataSource, schema);
    Generated g = generate(count, seed, first, today);
    insertMembers(dataSource, schema, g.members());
    insertPositions(dataSource, schema, g.positions());
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    int withoutEmail = 0;
    int invalidPhones = 0;
    for (MemberRow m : g.members()) {
      byStatus.merge(m.status(), 1, Integer::sum);
      withoutEmail += m.email() == null || m.email().isBlank() ? 1 : 0;
      invalidPhones += m.phone() != null && Names.INVALID_PHONES.contains(m.phone()) ? 1 : 0;
    }
    return new Summary(count, g.positions().size(), first, first + count - 1, Collections.unmodifiableMap(byStatus),
        withoutEmail, invalidPhones, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The rows {@link #fill} would store; pure and deterministic. */
  public static Generated generate(int count, long seed, int firstMemberNumber, LocalDate today) {
    return new MemberGenerator(new SplittableRandom(seed), today).run(count, firstMemberNumber);
  }

  /**
   * Changes {@code count} members that the sync would send (Active or Retired, with an email): each gets a new
   * facility (Active only), phone, last name or email. Returns their member numbers, ascending.
   */
  public static List<Integer> mutate(DataSource dataSource, String schema, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String t = table(schema, "members");
    try (Connection c = dataSource.getConnection()) {
      List<MemberRow> eligible = new ArrayList<>();
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select " + MEMBER_COLUMNS + " from " + t
               + " where status in ('Active', 'Retired') and email is not null and btrim(email) <> ''"
               + " order by membernumber")) {
        while (rs.next()) {
          eligible.add(row(rs));
        }
      }
      int n = Math.min(count, eligible.size());
      for (int i = 0; i < n; i++) {
        Collections.swap(eligible, i, i + random.nextInt(eligible.size() - i));
      }
      List<MemberRow> chosen = new ArrayList<>(eligible.subList(0, n));
      chosen.sort((a, b) -> Integer.compare(a.memberNumber(), b.memberNumber()));
      List<MemberRow> changed = new ArrayList<>();
      for (MemberRow m : chosen) {
        changed.add(change(m, random));
      }
      try (PreparedStatement ps = c.prepareStatement("update " + t + " set firstname = ?, lastname = ?, email = ?,"
          + " phone = ?, region_id = ?, facility_id = ? where membernumber = ?")) {
        for (MemberRow m : changed) {
          ps.setString(1, m.firstName());
          ps.setString(2, m.lastName());
          ps.setString(3, m.email());
          ps.setString(4, m.phone());
          setInt(ps, 5, m.regionId());
          setInt(ps, 6, m.facilityId());
          ps.setInt(7, m.memberNumber());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return changed.stream().map(MemberRow::memberNumber).toList();
    } catch (SQLException e) {
      throw new IllegalStateException("could not mutate members: " + e.getMessage(), e);
    }
  }

  /** Inserts regions, facilities and member types unless already there. */
  public static void ensureReferenceData(DataSource dataSource, String schema) {
    try (Connection c = dataSource.getConnection()) {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select (select count(*) from " + table(schema, "regions") + ") + (select count(*) from "
               + table(schema, "member_types") + ")")) {
        rs.next();
        if (rs.getLong(1) >= ReferenceData.REGIONS.size() + ReferenceData.MEMBER_TYPES.size()) {
          return;
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into " + table(schema, "regions")
          + " (id, code, name) values (?, ?, ?) on conflict (id) do nothing")) {
        for (Region r : ReferenceData.REGIONS) {
          ps.setInt(1, r.id());
          ps.setString(2, r.code());
          ps.setString(3, r.name());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + table(schema, "facilities")
          + " (id, code, name, region_id) values (?, ?, ?, ?) on conflict (id) do nothing")) {
        for (Facility f : ReferenceData.facilities()) {
          ps.setInt(1, f.id());
          ps.setString(2, f.code());
          ps.setString(3, f.name());
          ps.setInt(4, f.regionId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + table(schema, "member_types")
          + " (id, name) values (?, ?) on conflict (id) do nothing")) {
        for (MemberType m : ReferenceData.MEMBER_TYPES) {
          ps.setInt(1, m.id());
          ps.setString(2, m.name());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not insert reference data: " + e.getMessage(), e);
    }
  }

  /** Inserts one member exactly as given (reference data is added first if missing). */
  public static void insertMember(DataSource dataSource, String schema, MemberRow member) {
    insertMembers(dataSource, schema, List.of(member));
  }

  public static void insertMembers(DataSource dataSource, String schema, List<MemberRow> members) {
    ensureReferenceData(dataSource, schema);
    StringBuilder csv = new StringBuilder(members.size() * 120);
    for (MemberRow m : members) {
      csvLine(csv, m.memberNumber(), m.firstName(), m.lastName(), m.email(), m.phone(), m.status(), m.memberTypeId(),
          m.regionId(), m.facilityId());
    }
    copy(dataSource, table(schema, "members") + " (" + MEMBER_COLUMNS + ")", csv);
  }

  public static void insertPosition(DataSource dataSource, String schema, PositionRow position) {
    insertPositions(dataSource, schema, List.of(position));
  }

  public static void insertPositions(DataSource dataSource, String schema, List<PositionRow> positions) {
    StringBuilder csv = new StringBuilder(positions.size() * 40);
    for (PositionRow p : positions) {
      csvLine(csv, p.memberNumber(), p.positionType(), p.startDate(), p.endDate());
    }
    copy(dataSource, table(schema, "positions") + " (membernumber, positiontype, start_date, end_date)", csv);
  }

  // ---------------------------------------------------------------- internals

  private static MemberRow change(MemberRow m, SplittableRandom random) {
    int kind = random.nextInt("Active".equals(m.status()) ? 4 : 3);
    switch (kind) {
      case 0: {
        String last;
        do {
          last = pick(Names.LAST, random);
        } while (last.equals(m.lastName()));
        return m.withName(m.firstName(), last);
      }
      case 1:
        return m.withPhone(MemberGenerator.validPhone(random));
      case 2: {
        String email = m.email().trim();
        int at = email.indexOf('@');
        return m.withEmail(email.substring(0, at) + ".m" + random.nextInt(1_000_000) + email.substring(at));
      }
      default: {
        Facility f;
        do {
          f = pick(ReferenceData.facilities(), random);
        } while (m.facilityId() != null && f.id() == m.facilityId());
        return m.at(f.regionId(), f.id());
      }
    }
  }

  private static int nextMemberNumber(DataSource dataSource, String schema) {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select max(membernumber) from " + table(schema, "members"))) {
      rs.next();
      int max = rs.getInt(1);
      return rs.wasNull() ? FIRST_MEMBER_NUMBER : max + 1;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read members: " + e.getMessage(), e);
    }
  }

  private static MemberRow row(ResultSet rs) throws SQLException {
    return new MemberRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8), (Integer) rs.getObject(9));
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  /** COPY ... FROM STDIN in CSV: empty unquoted is NULL, quoted "" is an empty string. */
  private static void copy(DataSource dataSource, String target, CharSequence csv) {
    if (csv.length() == 0) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("copy " + target + " from stdin with (format csv)", new StringReader(csv.toString()));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not copy into " + target + ": " + e.getMessage(), e);
    }
  }

  private static void csvLine(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = values[i];
      if (v instanceof String s) {
        out.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else if (v != null) {
        out.append(v);
      }
    }
    out.append('\n');
  }

  static String table(String schema, String name) {
    return "\"" + schema.replace("\"", "\"\"") + "\"." + name;
  }

  static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
