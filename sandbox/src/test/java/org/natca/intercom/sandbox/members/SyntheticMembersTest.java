package org.natca.intercom.sandbox.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.natca.intercom.sandbox.db.SandboxPostgres;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticMembersTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private SandboxPostgres postgres;
  private DataSource ds;

  @BeforeAll
  void startDatabase() {
    postgres = SandboxPostgres.start();
    ds = postgres.dataSource();
    for (String schema : List.of("big", "mutating", "crafted", "appending")) {
      postgres.loadMemberSchema(schema);
    }
  }

  @AfterAll
  void stopDatabase() {
    postgres.close();
  }

  @Test
  void fill_twentyThousand_isFast_andLooksLikeTheRealDatabase() throws SQLException {
    SyntheticMembers.Summary summary = SyntheticMembers.fill(ds, "big", 20_000, 42L, TODAY);

    assertTrue(summary.elapsed().toMillis() < 10_000, "took " + summary.elapsed());
    assertEquals(20_000, count("select count(*) from big.members"));
    assertEquals(summary.positions(), count("select count(*) from big.positions"));
    assertEquals(9, count("select count(*) from big.regions"));
    assertTrue(count("select count(*) from big.facilities") >= 290);
    assertEquals(ReferenceData.FACILITY_COUNT, count("select count(distinct code) from big.facilities where code ~ '^[A-Z0-9]{3}$'"));
    assertEquals(SyntheticMembers.FIRST_MEMBER_NUMBER, summary.firstMemberNumber());

    double active = count("select count(*) from big.members where status = 'Active'") / 20_000.0;
    double retired = count("select count(*) from big.members where status = 'Retired'") / 20_000.0;
    assertTrue(active > 0.77 && active < 0.83, "active " + active);
    assertTrue(retired > 0.12 && retired < 0.16, "retired " + retired);
    assertTrue(count("select count(distinct status) from big.members where status not in ('Active', 'Retired')") >= 3);

    double noEmail = count("select count(*) from big.members where email is null or btrim(email) = ''") / 20_000.0;
    assertTrue(noEmail > 0.01 && noEmail < 0.03, "without email " + noEmail);
    assertTrue(count("select count(*) from big.members where email is null") > 0);
    assertTrue(count("select count(*) from big.members where email = ''") > 0);
    assertTrue(count("select count(*) from big.members where email <> btrim(email) and btrim(email) <> ''") > 100);
    assertTrue(count("select count(*) from big.members where email <> lower(email)") > 1000);
    assertTrue(count("select count(*) from (select lower(btrim(email)) from big.members where btrim(email) <> ''"
        + " group by 1 having count(*) > 1) shared") > 5, "a few members share an email");

    assertTrue(count("select count(*) from big.members where membertypeid = 6") > 10_000);
    assertTrue(count("select count(*) from big.members where membertypeid = 8") > 0);
    assertTrue(count("select count(*) from big.members where membertypeid = 10") > 1000);
    assertTrue(count("select count(*) from big.members where membertypeid in (7, 9, 11)") > 0);
    assertTrue(count("select count(*) from big.members where membertypeid is null") > 0);
    assertTrue(count("select count(*) from big.members where status = 'Active' and facility_id is null") > 0);
  }

  @Test
  void fill_phonesComeInManyFormats_someBeyondRepair() throws SQLException {
    SyntheticMembers.Summary summary = SyntheticMembers.fill(ds, "appending", 5_000, 7L, TODAY);
    List<String> phones = strings("select phone from appending.members where phone is not null");

    Map<String, Pattern> formats = Map.of(
        "(765) 465-7031", Pattern.compile("\\(\\d{3}\\) \\d{3}-\\d{4}"),
        "765-465-7031", Pattern.compile("\\d{3}-\\d{3}-\\d{4}"),
        "7654657031", Pattern.compile("\\d{10}"),
        "1-765-465-7031", Pattern.compile("1-\\d{3}-\\d{3}-\\d{4}"),
        "+1 765 465 7031", Pattern.compile("\\+1 \\d{3} \\d{3} \\d{4}"),
        "+17654657031", Pattern.compile("\\+1\\d{10}"));
    formats.forEach((example, p) -> assertTrue(phones.stream().filter(s -> p.matcher(s).matches()).count() > 100, example));
    double invalid = summary.invalidPhones() / 5_000.0;
    assertTrue(invalid > 0.015 && invalid < 0.045, "invalid " + invalid);
    assertTrue(count("select count(*) from appending.members where phone is null") > 0);
  }

  @Test
  void fill_positionsCoverEveryCode_currentAndEnded() throws SQLException {
    SyntheticMembers.Generated g = SyntheticMembers.generate(20_000, 42L, 10_001, TODAY);

    Set<String> codes = new HashSet<>();
    g.positions().forEach(p -> codes.add(p.positionType()));
    assertEquals(Set.copyOf(SyntheticMembers.POSITION_CODES), codes);
    long current = g.positions().stream().filter(p -> p.isCurrentOn(TODAY)).count();
    long ended = g.positions().size() - current;
    assertTrue(ended > 100 && current > 1000, "current " + current + ", ended " + ended);
    assertEquals(1, g.positions().stream().filter(p -> p.positionType().equals("pres") && p.isCurrentOn(TODAY)).count());
    assertEquals(9, g.positions().stream().filter(p -> p.positionType().equals("rvp")).count());
    assertTrue(g.positions().stream().anyMatch(p -> TODAY.equals(p.endDate())), "an end date of today is still current");
    Map<String, Integer> currentRows = new HashMap<>();
    g.positions().stream().filter(p -> p.isCurrentOn(TODAY))
        .forEach(p -> currentRows.merge(p.memberNumber() + p.positionType(), 1, Integer::sum));
    assertTrue(currentRows.values().stream().anyMatch(n -> n > 1), "some members hold one position twice");
  }

  @Test
  void generate_isDeterministicPerSeed() {
    SyntheticMembers.Generated a = SyntheticMembers.generate(2_000, 99L, 10_001, TODAY);
    SyntheticMembers.Generated b = SyntheticMembers.generate(2_000, 99L, 10_001, TODAY);
    SyntheticMembers.Generated c = SyntheticMembers.generate(2_000, 100L, 10_001, TODAY);

    assertEquals(a, b);
    assertNotEquals(a.members(), c.members());
  }

  @Test
  void fill_twice_appendsAfterTheHighestMemberNumber() throws SQLException {
    postgres.loadMemberSchema("twice");
    SyntheticMembers.Summary first = SyntheticMembers.fill(ds, "twice", 100, 1L, TODAY);
    SyntheticMembers.Summary second = SyntheticMembers.fill(ds, "twice", 50, 2L, TODAY);

    assertEquals(first.lastMemberNumber() + 1, second.firstMemberNumber());
    assertEquals(150, count("select count(*) from twice.members"));
  }

  @Test
  void mutate_changesEligibleMembersOnly_andReportsThem() throws SQLException {
    SyntheticMembers.fill(ds, "mutating", 2_000, 5L, TODAY);
    Map<Integer, String> before = snapshot("mutating");

    List<Integer> changed = SyntheticMembers.mutate(ds, "mutating", 100, 11L);

    assertEquals(100, changed.size());
    assertEquals(100, new HashSet<>(changed).size());
    Map<Integer, String> after = snapshot("mutating");
    List<Integer> differing = new ArrayList<>();
    before.forEach((number, row) -> {
      if (!row.equals(after.get(number))) {
        differing.add(number);
      }
    });
    differing.sort(null);
    assertEquals(changed, differing);
    for (Integer number : changed) {
      List<String> row = strings("select status || '|' || coalesce(btrim(email), '') from mutating.members where membernumber = " + number);
      assertTrue(row.get(0).startsWith("Active|") || row.get(0).startsWith("Retired|"), row.get(0));
      assertFalse(row.get(0).endsWith("|"), "has an email");
    }
    assertEquals(changed, SyntheticMembers.mutate(ds, "mutating", 100, 11L), "the same seed picks the same members");
  }

  @Test
  void insertHelpers_storeExactlyWhatTheyAreGiven() throws SQLException {
    Facility zny = ReferenceData.facility("ZNY");
    SyntheticMembers.insertMember(ds, "crafted", MemberRow.active(1, "  Ada ", "Lovelace", " ADA@Example.com ")
        .withPhone("1-765-465-7031").at(zny.regionId(), zny.id()));
    SyntheticMembers.insertMember(ds, "crafted", new MemberRow(2, null, null, null, null, "Retired", null, null, null));
    SyntheticMembers.insertPosition(ds, "crafted", PositionRow.current(1, "facrep"));
    SyntheticMembers.insertPosition(ds, "crafted", PositionRow.ended(1, "pres", TODAY.minusDays(1)));

    assertEquals(List.of("  Ada |Lovelace| ADA@Example.com |1-765-465-7031|Active|6|NEA|ZNY"),
        strings("select m.firstname || '|' || m.lastname || '|' || m.email || '|' || m.phone || '|' || m.status || '|'"
            + " || m.membertypeid || '|' || r.code || '|' || f.code from crafted.members m"
            + " join crafted.regions r on r.id = m.region_id join crafted.facilities f on f.id = m.facility_id"
            + " where m.membernumber = 1"));
    assertNull(strings("select email from crafted.members where membernumber = 2").get(0));
    assertEquals(List.of("facrep|", "pres|" + TODAY.minusDays(1)),
        strings("select positiontype || '|' || coalesce(end_date::text, '') from crafted.positions order by positiontype"));
  }

  private Map<Integer, String> snapshot(String schema) throws SQLException {
    Map<Integer, String> out = new HashMap<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select membernumber, concat_ws('|', firstname, lastname, email, phone, region_id, facility_id)"
             + " from " + schema + ".members")) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
