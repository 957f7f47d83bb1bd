package org.natca.intercom.app.wiring;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.natca.intercom.audit.Audit;
import org.natca.intercom.audit.AuditUndo;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.config.Config;
import org.natca.intercom.manual.ManualUpdate;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.LegacyMemberDirectory;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.sync.DailySync;
import org.natca.intercom.sync.DailySyncOptions;

/**
 * The composition root: builds every object a command needs from one {@link Config}, each on first
 * use (daily-sync never opens MySQL), and closes them all in reverse order.
 */
public final class Components implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private IntercomClient intercom;
  private HikariDataSource memberDataSource;
  private MemberRepository memberRepository;
  private LegacyMemberDirectory legacyDirectory;
  private boolean legacyBuilt;

  public Components(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public synchronized IntercomClient intercom() {
    if (intercom == null) {
      intercom = IntercomClient.builder()
          .baseUrl(config.intercomBaseUrl())
          .accessToken(config.requireIntercomAccessToken())
          .apiVersion(config.intercomApiVersion())
          .maxRequestsPerMinute(config.maxRequestsPerMinute())
          .maxConcurrentRequests(DailySyncOptions.concurrencyFor(config.maxRequestsPerMinute()))
          .clock(clock)
          .build();
      closeables.push(intercom);
    }
    return intercom;
  }

  public synchronized HikariDataSource memberDataSource() {
    if (memberDataSource == null) {
      memberDataSource = Databases.postgres(config.requireDatabaseUrl(), config.databaseSchema(), "members");
      closeables.push(memberDataSource);
    }
    return memberDataSource;
  }

  public synchronized MemberRepository members() {
    if (memberRepository == null) {
      memberRepository = new MemberRepository(memberDataSource(), config.databaseSchema(), clock);
    }
    return memberRepository;
  }

  /** The legacy MySQL email fallback, or null when MYSQL_HOST is unset. */
  public synchronized LegacyMemberDirectory legacyMembers() {
    if (!legacyBuilt) {
      legacyBuilt = true;
      Config.Mysql m = config.mysql();
      if (m != null) {
        HikariDataSource ds = Databases.mysql(m.host(), m.port(), m.user(), m.password(), m.database());
        closeables.push(ds);
        legacyDirectory = new LegacyMemberDirectory(ds);
      }
    }
    return legacyDirectory;
  }

  public DailySync dailySync() {
    return new DailySync(intercom(), members(), clock);
  }

  public ManualUpdate manualUpdate() {
    return new ManualUpdate(intercom(), members(), clock);
  }

  public Audit audit() {
    return new Audit(intercom(), members(), clock);
  }

  /** Undo needs Intercom only: the journal holds everything else. */
  public AuditUndo auditUndo() {
    return new AuditUndo(intercom(), clock);
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        // closing is best effort: the run's outcome is already decided
      }
    }
  }
}
