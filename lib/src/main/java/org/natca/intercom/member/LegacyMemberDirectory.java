package org.natca.intercom.member;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.natca.intercom.member.Emails;

/**
 * The legacy MyNATCA MySQL database, asked only "who has this email?" when the member database does
 * not know it. It holds no regions, facilities, type names or positions: those are null or empty.
 */
public final class LegacyMemberDirectory {
  private static final String FIND_BY_EMAIL =
      "select membernumber, firstname, lastname, email, phone, status, membertypeid from members"
          + " where lower(trim(email)) = ?"
          + " order by case when status in ('Active', 'Retired') then 0 else 1 end, membernumber";

  private final DataSource dataSource;

  public LegacyMemberDirectory(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Members whose email matches, trimmed and ignoring case: Active and Retired first, then by member
   * number. Empty for a blank email.
   */
  public List<Member> findByEmail(String email) {
    String key = Emails.key(email);
    if (key == null) {
      return List.of();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement st = connection.prepareStatement(FIND_BY_EMAIL)) {
      st.setString(1, key);
      List<Member> found = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int typeId = rs.getInt(7);
          Integer memberTypeId = rs.wasNull() ? null : typeId;
          found.add(new Member(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), memberTypeId, null, null, null, List.of()));
        }
      }
      return found;
    } catch (SQLException e) {
      throw SqlFailures.translate("looking up a member by email in the legacy MySQL database", e, dataSource);
    }
  }
}
