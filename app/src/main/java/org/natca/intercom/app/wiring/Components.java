package org.natca.intercom.app.wiring;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.natca.intercom.app.server.StatusSource;
import org.natca.intercom.app.server.WebhookServer;
import org.natca.intercom.audit.Audit;
import org.natca.intercom.audit.AuditUndo;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.config.Config;
import org.natca.intercom.manual.ManualUpdate;
import org.natca.intercom.member.Databases;
import org.natca.intercom.member.LegacyMemberDirectory;
import org.natca.intercom.member.MemberRepository;
import org.natca.intercom.daily.DailySync;
import org.natca.intercom.daily.DailySyncOptions;
import org.natca.intercom.operations.status.StatusReader;
import org.natca.intercom.tags.RuleQueries;
import org.natca.intercom.tags.TagRulesFile;
import org.natca.intercom.tags.TagSync;
import org.natca.intercom.webhook.AdminIdentity;
import org.natca.intercom.webhook.Enrichment;
import org.natca.intercom.webhook.EventWorkers;
import org.natca.intercom.webhook.MemberContactSync;
import org.natca.intercom.webhook.MembersByEmail;
import org.natca.intercom.webhook.TagResync;
import org.natca.intercom.webhook.WebhookEventHandler;
import org.natca.intercom.webhook.WebhookInbox;
import org.natca.intercom.webhook.WebhookService;
import org.natca.intercom.webhook.WebhookSignature;
import org.natca.intercom.webhook.WorkerOptions;

/**
 * The composition root: builds every object a command needs from one {@link Config}, each on first
 * use (daily-sync never opens MySQL), and closes them all in reverse order.
 */
public final class Components implements AutoCloseable {
  /** webhook-serve's own pool for the inbox and health checks: small, and quick to give up (then 503). */
  public static final int INTAKE_POOL_SIZE = 4;
  public static final long INTAKE_CONNECTION_TIMEOUT_MILLIS = 2_000;
  public static final int WORKER_POOL_SIZE = 2;
  public static final int STATUS_POOL_SIZE = 2;

  private final Config config;
  private final Clock clock;
  private final UnaryOperator<IntercomClient.Builder> clientTuning;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private IntercomClient intercom;
  private HikariDataSource memberDataSource;
  private MemberRepository memberRepository;
  private LegacyMemberDirectory legacyDirectory;
  private boolean legacyBuilt;
  private HikariDataSource intakeDataSource;
  private HikariDataSource workerDataSource;
  private HikariDataSource statusDataSource;

  public Components(Config config, Clock clock) {
    this(config, clock, UnaryOperator.identity());
  }

  /** @param clientTuning adjusts the Intercom client's settings (tests: short backoff) */
  public Components(Config config, Clock clock, UnaryOperator<IntercomClient.Builder> clientTuning) {
    this.config = config;
    this.clock = clock;
    this.clientTuning = clientTuning;
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public synchronized IntercomClient intercom() {
    if (intercom == null) {
      intercom = clientTuning.apply(IntercomClient.builder()
          .baseUrl(config.intercomBaseUrl())
          .accessToken(config.requireIntercomAccessToken())
          .apiVersion(config.intercomApiVersion())
          .maxRequestsPerMinute(config.maxRequestsPerMinute())
          .maxConcurrentRequests(DailySyncOptions.concurrencyFor(config.maxRequestsPerMinute()))
          .clock(clock))
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

  /** The member database again, through webhook-serve's intake pool (see {@link #INTAKE_POOL_SIZE}). */
  public synchronized HikariDataSource intakeDataSource() {
    if (intakeDataSource == null) {
      intakeDataSource = Databases.postgres(config.requireDatabaseUrl(), config.databaseSchema(), "webhook-intake",
          INTAKE_POOL_SIZE, INTAKE_CONNECTION_TIMEOUT_MILLIS);
      closeables.push(intakeDataSource);
    }
    return intakeDataSource;
  }

  /** The workers' bookkeeping (taking and finishing events): apart from intake, so it never queues behind it. */
  public synchronized HikariDataSource workerDataSource() {
    if (workerDataSource == null) {
      workerDataSource = Databases.postgres(config.requireDatabaseUrl(), config.databaseSchema(), "webhook-workers",
          WORKER_POOL_SIZE, Databases.CONNECTION_TIMEOUT_MILLIS);
      closeables.push(workerDataSource);
    }
    return workerDataSource;
  }

  public MembersByEmail memberLookup() {
    return new MembersByEmail(members(), legacyMembers());
  }

  /**
   * webhook-serve, ready to {@link WebhookServer#start start}: intake and health on their own quick
   * pool, so neither member queries nor the workers' bookkeeping ever delay an acknowledgement.
   */
  public WebhookServer webhookServer(WorkerOptions options) {
    IntercomClient client = intercom();
    MembersByEmail lookup = memberLookup();
    MemberContactSync sync = new MemberContactSync(client);
    AdminIdentity admin = new AdminIdentity(client, config.intercomAdminId());
    Enrichment enrichment = new Enrichment(client, lookup, sync, admin, config.syncTag());
    TagResync tagResync = new TagResync(client, members(), sync, admin, config.syncTag(), config.memberNumberAttribute());
    WebhookInbox intake = new WebhookInbox(intakeDataSource(), clock);
    WebhookInbox work = new WebhookInbox(workerDataSource(), clock);
    EventWorkers workers = new EventWorkers(work, new WebhookEventHandler(enrichment, tagResync), options, clock);
    WebhookService service = new WebhookService(new WebhookSignature(config.requireClientSecret()), intake, workers,
        options.retention(), clock);
    MemberRepository health = new MemberRepository(intakeDataSource(), config.databaseSchema(), clock);
    return new WebhookServer(config.bindAddress(), config.port(), service, lookup, health, config.lookupApiToken(),
        statusSource(), clock);
  }

  /**
   * The status page's password and data; {@link StatusSource#OFF} when STATUS_TOKEN is unset. Its
   * reads go through a small pool of their own that gives up quickly (then the page says the database
   * is unreachable), apart from intake and the workers.
   */
  public synchronized StatusSource statusSource() {
    if (config.statusToken() == null) {
      return StatusSource.OFF;
    }
    if (statusDataSource == null) {
      statusDataSource = Databases.postgres(config.requireDatabaseUrl(), config.databaseSchema(), "status-page",
          STATUS_POOL_SIZE, INTAKE_CONNECTION_TIMEOUT_MILLIS);
      closeables.push(statusDataSource);
    }
    IntercomClient client = intercom();
    return new StatusSource(config.statusToken(), new StatusReader(statusDataSource, config.databaseSchema(), clock),
        () -> client.me().appId());
  }

  public DailySync dailySync() {
    return new DailySync(intercom(), members(), clock);
  }

  /** Runs the tag rules' sql queries against the member database, read-only. */
  public RuleQueries ruleQueries() {
    return new RuleQueries(memberDataSource(), config.databaseSchema());
  }

  /** The tag rules phase of daily-sync, over the selections the rules' queries returned. */
  public TagSync tagSync(TagRulesFile.Valid rules, Map<Integer, Set<Integer>> sqlSelections, Integer maxDetach) {
    return new TagSync(intercom(), rules, sqlSelections, maxDetach);
  }

  public ManualUpdate manualUpdate() {
    return new ManualUpdate(intercom(), members(), clock);
  }

  public Audit audit() {
    return new Audit(intercom(), members(), clock);
  }

  /** The status of this member database (run history, open problems, webhook inbox); reads only. */
  public StatusReader status() {
    return new StatusReader(memberDataSource(), config.databaseSchema(), clock);
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
