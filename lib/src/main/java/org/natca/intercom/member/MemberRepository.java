package org.natca.intercom.member;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.natca.intercom.member.Emails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads members from the member database (read only). Every read is a fixed number of queries, however
 * many members it returns: one for the members with their region, facility and type, one for the
 * current positions of exactly those members, both in one read-only repeatable-read transaction so
 * they see the same data. Nothing relies on session state, so it works through a transaction pooler.
 */
public final class MemberRepository {
  private static final Logger log = LoggerFactory.getLogger(MemberRepository.class);

  /** Rows per round trip when streaming; a cursor keeps memory flat for any member count. */
  static final int FETCH_SIZE = 2000;
  private static final int QUERY_TIMEOUT_SECONDS = 300;
  private static final String SYNCED = "m.status in ('Active', 'Retired')";
  /** Non-blank, in the same sense as {@link Member#isEligible()}. */
  private static final String HAS_EMAIL = "m.email ~ '[^[:space:]]'";
  private static final String SYNCED_FIRST = "case when " + SYNCED + " then 0 else 1 end, m.membernumber";

  private final DataSource dataSource;
  private final Clock clock;
  private final String members;
  private final String memberTypes;
  private final String regions;
  private final String facilities;
  private final String positions;
  private final AtomicLong queries = new AtomicLong();

  /**
   * @param schema the schema holding the member tables; quoted into every query
   * @param clock decides "today" (in the clock's zone) for which positions are current
   */
  public MemberRepository(DataSource dataSource, String schema, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    String s = Databases.quoteIdentifier(Objects.requireNonNull(schema, "schema")) + ".";
    this.members = s + "members";
    this.memberTypes = s + "member_types";
    this.regions = s + "regions";
    this.facilities = s + "facilities";
    this.positions = s + "positions";
  }

  /**
   * Every member that is synced (Active or Retired, non-blank email), ordered by member number, with
   * current positions.
   *
   * @param limit at most this many (the first by member number); 0 or less for all
   */
  public List<Member> loadEligible(int limit) {
    long started = System.nanoTime();
    List<Member> result = load("loading eligible members", SYNCED + " and " + HAS_EMAIL, "m.membernumber",
        limit, (st, i) -> i);
    // Java's idea of blank is a little wider than the regex's (Unicode spaces); the contract is Java's.
    result.removeIf(member -> !member.isEligible());
    log.debug("loaded {} eligible members in {} ms", result.size(), (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /**
   * Every member, whatever the status or email, ordered by member number, with current positions: what
   * the audit needs to match contacts by number, email or legacy attribute without a query per contact.
   * Same fixed number of queries as {@link #loadEligible}.
   */
  public List<Member> loadAll() {
    long started = System.nanoTime();
    List<Member> result = load("loading all members", "true", "m.membernumber", 0, (st, i) -> i);
    log.debug("loaded {} members in {} ms", result.size(), (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /** The member with this number, whatever the status. */
  public Optional<Member> findByNumber(int memberNumber) {
    List<Member> found = load("looking up member " + memberNumber, "m.membernumber = ?", "m.membernumber", 0,
        (st, i) -> {
          st.setInt(i, memberNumber);
          return i + 1;
        });
    return found.stream().findFirst();
  }

  /**
   * Members whose email matches, trimmed and ignoring case, whatever the status: Active and Retired
   * first, then by member number. Empty for a blank email.
   */
  public List<Member> findByEmail(String email) {
    String key = Emails.key(email);
    if (key == null) {
      return List.of();
    }
    return load("looking up a member by email", "lower(btrim(m.email, E' \\t\\r\\n')) = ?", SYNCED_FIRST, 0,
        (st, i) -> {
          st.setString(i, key);
          return i + 1;
        });
  }

  /** Throws {@link MemberDatabaseException} unless the database answers and the member table is readable. */
  public void ping() {
    try (Connection connection = dataSource.getConnection();
        Statement st = connection.createStatement()) {
      queries.incrementAndGet();
      try (ResultSet rs = st.executeQuery("select 1 from " + members + " limit 1")) {
        rs.next();
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("checking the member database", e, dataSource);
    }
  }

  /** Statements sent so far (for the benchmark and tests). */
  public long queriesExecuted() {
    return queries.get();
  }

  @FunctionalInterface
  private interface Binder {
    /** Binds this filter's parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException;
  }

  private List<Member> load(String what, String where, String orderBy, int limit, Binder binder) {
    String limitClause = limit > 0 ? " order by " + orderBy + " limit " + limit : "";
    String memberSql = "select m.membernumber, m.firstname, m.lastname, m.email, m.phone, m.status,"
        + " m.membertypeid, t.name, r.code, f.code"
        + " from " + members + " m"
        + " left join " + memberTypes + " t on t.id = m.membertypeid"
        + " left join " + regions + " r on r.id = m.region_id"
        + " left join " + facilities + " f on f.id = m.facility_id"
        + " where " + where + " order by " + orderBy + (limit > 0 ? " limit " + limit : "");
    String positionSql = "select p.membernumber, p.positiontype from " + positions + " p"
        + " where (p.end_date is null or p.end_date >= ?)"
        + " and p.membernumber in (select m.membernumber from " + members + " m where " + where + limitClause + ")"
        + " order by p.membernumber, p.positiontype";
    LocalDate today = LocalDate.now(clock);

    try (Connection connection = dataSource.getConnection()) {
      // A cursor (fetch size) needs a transaction; one snapshot keeps both queries consistent.
      connection.setAutoCommit(false);
      boolean committed = false;
      try {
        try (Statement st = connection.createStatement()) {
          queries.incrementAndGet();
          st.execute("set transaction isolation level repeatable read, read only");
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = prepare(connection, memberSql)) {
          binder.bind(st, 1);
          queries.incrementAndGet();
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rows.add(Row.read(rs));
            }
          }
        }
        Map<Integer, List<String>> current = new HashMap<>();
        if (!rows.isEmpty()) {
          try (PreparedStatement st = prepare(connection, positionSql)) {
            st.setObject(1, today);
            binder.bind(st, 2);
            queries.incrementAndGet();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                current.computeIfAbsent(rs.getInt(1), n -> new ArrayList<>()).add(rs.getString(2));
              }
            }
          }
        }
        connection.commit();
        committed = true;
        List<Member> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
          result.add(row.toMember(current.getOrDefault(row.memberNumber, List.of())));
        }
        return result;
      } finally {
        endTransaction(connection, committed);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate(what, e, dataSource);
    }
  }

  /** Leaves the connection as it came (autocommit on) for a pool; failures here add nothing useful. */
  private static void endTransaction(Connection connection, boolean committed) {
    try {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken or closed; the pool discards it, and the first error is already on its way
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement st = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    st.setFetchSize(FETCH_SIZE);
    st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
    return st;
  }

  /** One members row before its positions are known. */
  private record Row(int memberNumber, String firstName, String lastName, String email, String phone,
      String status, Integer memberTypeId, String memberTypeName, String regionCode, String facilityCode) {

    static Row read(ResultSet rs) throws SQLException {
      int typeId = rs.getInt(7);
      Integer memberTypeId = rs.wasNull() ? null : typeId;
      return new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          rs.getString(6), memberTypeId, rs.getString(8), rs.getString(9), rs.getString(10));
    }

    Member toMember(List<String> positionCodes) {
      return new Member(memberNumber, firstName, lastName, email, phone, status, memberTypeId, memberTypeName,
          regionCode, facilityCode, positionCodes);
    }
  }
}
