package dev.ngsign.ngs.agent;

import com.zaxxer.hikari.HikariDataSource;
import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.ListenerErrors;
import dev.ngsign.ngs.agent.internal.config.Pools;
import dev.ngsign.ngs.agent.internal.console.Console;
import dev.ngsign.ngs.agent.internal.console.ConsoleContext;
import dev.ngsign.ngs.agent.internal.housekeeping.Housekeeping;
import dev.ngsign.ngs.agent.internal.lease.LeaseCoordinator;
import dev.ngsign.ngs.agent.internal.lease.LeaseStore;
import dev.ngsign.ngs.agent.internal.legacy.Layouts;
import dev.ngsign.ngs.agent.internal.legacy.LegacyBridge;
import dev.ngsign.ngs.agent.internal.legacy.LegacyLayout;
import dev.ngsign.ngs.agent.internal.legacy.VendorTables;
import dev.ngsign.ngs.agent.internal.metrics.AgentMetrics;
import dev.ngsign.ngs.agent.internal.metrics.Health;
import dev.ngsign.ngs.agent.internal.metrics.HttpEndpoint;
import dev.ngsign.ngs.agent.internal.reports.WriteBehind;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaLocation;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.agent.internal.schema.ZoneCheck;
import dev.ngsign.ngs.agent.internal.sender.AccountLeases;
import dev.ngsign.ngs.agent.internal.sender.BuilderAccess;
import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway;
import dev.ngsign.ngs.agent.internal.sender.SessionWatch;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import dev.ngsign.ngs.agent.internal.wakeup.PgNotifyListener;
import dev.ngsign.ngs.agent.internal.wakeup.Wakeup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent node: polls the send table for the accounts whose lease it holds, sends through a
 * {@link MessageGateway}, writes ACKs and reports back. Build with {@link #builder(AgentConfig)},
 * then {@link #start()}; {@link #close()} stops claiming, waits for outstanding ACKs, writes
 * everything back and releases the leases so another node takes over at once.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final MessageGateway gateway;
  private final Clock clock;
  private final Clock wallClock;
  private final AgentMetrics metrics;
  private final boolean migrate;
  private final Dialect dialect;
  private final MessageStore store;
  private final LeaseStore leaseStore;
  private final Map<String, AgentConfig.Account> accounts = new LinkedHashMap<>();
  private final Housekeeping housekeeping;
  private final Wakeup wakeup = new Wakeup();
  private final PgNotifyListener.ConnectionSource listenConnections;
  private final LegacyBridge bridge;
  private ScheduledExecutorService legacyScheduler;
  private PgNotifyListener listener;
  private final RowMilestones milestones;
  private WriteBehind writer;
  private AccountLeases leases;
  private LeaseCoordinator coordinator;
  private ScheduledExecutorService scheduler;
  private final HttpLimits httpLimits;
  private HttpEndpoint http;
  private HttpListener consolePort;
  private volatile boolean started;
  private volatile boolean firstRound;
  private final CompletableFuture<List<AccountStatus>> ready = new CompletableFuture<>();
  private java.util.concurrent.ScheduledFuture<?> readyCheck;

  static {
    BuilderAccess.install(Builder::tuning);
  }

  private Agent(Builder b) {
    if (b.gateway == null) {
      for (AgentConfig.Account a : b.config.accounts()) {
        a.resolvePassword(b.env); // fail now, naming the variable, not at every lease round
      }
    }
    this.config = b.config;
    this.clock = b.clock;
    this.wallClock = b.wallClock;
    this.httpLimits = b.httpLimits;
    MeterRegistry registry =
        b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.milestones = b.milestones;
    this.gateway =
        b.gateway != null
            ? b.gateway
            : new NgsClientGateway(b.env, registry, b.tuning, b.milestones, b.clock);
    if (b.dataSource != null) {
      this.dataSource = b.dataSource;
      this.ownedPool = null;
      this.listenConnections =
          b.dataSource::getConnection; // holds one of the application's connections
    } else {
      this.ownedPool = Pools.create(config.database(), b.env, "ngs-agent", config.zone());
      this.dataSource = ownedPool;
      this.listenConnections =
          listenConnections(config.database(), b.env); // outside the pool: it is never returned
    }
    this.metrics =
        new AgentMetrics(
            registry,
            config.accounts().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        AgentConfig.Account::name,
                        AgentConfig.Account::id,
                        (first, second) -> first)));
    this.dialect = Dialect.of(b.jdbcUrl != null ? b.jdbcUrl : config.database().url());
    this.migrate = b.migrate != null ? b.migrate : dialect == Dialect.H2;
    this.store =
        new MessageStore(
            dataSource,
            dialect,
            config.database().tablePrefix(),
            config.database().serialPrefix(),
            config.zone());
    this.leaseStore = new LeaseStore(dataSource, config.database().tablePrefix());
    for (AgentConfig.Account a : config.accounts()) {
      accounts.put(a.name(), a);
    }
    this.housekeeping = new Housekeeping(config, store, leaseStore, clock, metrics);
    LegacyLayout layout = Layouts.of(config.tableLayout());
    this.bridge =
        layout == null
            ? null
            : new LegacyBridge(dataSource, dialect, layout, Layouts.tables(layout, config));
  }

  public static Builder builder(AgentConfig config) {
    return new Builder(config);
  }

  /**
   * Checks or applies the schema, checks that the database's sessions write local time in {@code
   * zone} (else refuses with an {@link AgentException} naming both zones and the fixes, unless
   * {@code allow-zone-mismatch}), then starts polling, leases and the HTTP endpoint.
   */
  public synchronized Agent start() {
    if (started) {
      return this;
    }
    String prefix = config.database().tablePrefix();
    if (migrate) {
      int n = SchemaMigrator.migrate(dataSource, dialect, prefix);
      if (n > 0) {
        log.info("applied {} schema migration(s) with table prefix {}", n, prefix);
      }
    } else if (!SchemaMigrator.upToDate(dataSource, dialect, prefix)) {
      throw new AgentException(
          "the agent's tables (prefix "
              + prefix
              + ") are missing or out of date: run './ngsign agent init-db --config ...' first");
    }
    if (bridge != null) {
      startLegacy(prefix);
    }
    ZoneCheck.verify(dataSource, dialect, config.zone(), wallClock, config.allowZoneMismatch());
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), config.zone());
    String epoch = store.serialEpochs().begin(clock.instant(), now);
    store.claims().useEpoch(epoch);
    if (bridge == null) {
      // legacy layouts delete finished side rows, so their highest ID falls by design
      store.serialEpochs().checkHighWater(now);
    }
    writer =
        new WriteBehind(
            store.writeBack(),
            clock,
            config.zone(),
            config.polling().writeBatchSize(),
            config.polling().writeDelay(),
            metrics::orphans,
            milestones);
    List<String> leased = new ArrayList<>(accounts.keySet());
    leased.add(Housekeeping.MAINTENANCE);
    if (dialect == Dialect.POSTGRESQL) {
      listener = new PgNotifyListener(listenConnections, prefix, wakeup).start();
    }
    leases =
        new AccountLeases(
            config,
            accounts,
            gateway,
            store,
            writer,
            housekeeping,
            clock,
            metrics,
            wakeup,
            dialect != Dialect.POSTGRESQL);
    coordinator =
        new LeaseCoordinator(
            leaseStore,
            config.nodeId(),
            leased,
            config.lease().timeout(),
            config.lease().heartbeat(),
            clock,
            config.zone(),
            leases);
    for (String s : List.of("READY", "SENDING", "SENT")) {
      metrics.queueDepth(s, () -> housekeeping.openCounts().getOrDefault(s, 0L));
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ngs-agent-lease");
              t.setDaemon(true);
              return t;
            });
    long hb = config.lease().heartbeat().toMillis();
    started = true;
    scheduler.scheduleWithFixedDelay(this::safeTick, 0, hb, TimeUnit.MILLISECONDS);
    readyCheck = scheduler.scheduleWithFixedDelay(this::checkReady, 50, 100, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        housekeeping, 1000, Math.max(1000, Math.min(10_000, hb)), TimeUnit.MILLISECONDS);
    if (bridge != null) {
      legacyScheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ngs-agent-legacy");
                t.setDaemon(true);
                return t;
              });
      legacyScheduler.scheduleWithFixedDelay(
          this::legacyRound, 0, config.polling().interval().toMillis(), TimeUnit.MILLISECONDS);
    }
    startHttp();
    log.info(
        "agent node {} started: {} account(s), database {}, SERIAL epoch {}",
        config.nodeId(),
        accounts.size(),
        config.database().redactedUrl(),
        epoch);
    return this;
  }

  /**
   * The side tables of a legacy layout (migrated like the agent's own), and the vendor's tables,
   * which must exist: the agent never creates them on its own.
   */
  private void startLegacy(String prefix) {
    if (migrate) {
      SchemaMigrator.migrateLegacy(dataSource, dialect, prefix);
    } else if (!SchemaMigrator.legacyUpToDate(dataSource, dialect, prefix)) {
      throw new AgentException(
          "the side tables of table-layout "
              + bridge.layout().name()
              + " (prefix "
              + prefix
              + ") are missing or out of date: run './ngsign agent init-db --config ...' first");
    }
    List<String> missing = VendorTables.missing(dataSource, bridge.layout(), bridge.tables());
    if (!missing.isEmpty()) {
      throw new AgentException(
          "table-layout "
              + bridge.layout().name()
              + ": table(s) "
              + missing
              + " not found; check tables: in agent.yml, or run './ngsign agent init-db --config ..."
              + " --create-vendor-tables' to create them with the vendor's DDL");
    }
  }

  /** One import-and-mirror round of the legacy layout; wakes the claimers when rows came in. */
  private void legacyRound() {
    if (!started) {
      return;
    }
    try {
      LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), config.zone());
      LegacyBridge.Round r = bridge.runOnce(now, config.polling().batchSize());
      if (r.imported() > 0) {
        wakeup.signal();
      }
    } catch (RuntimeException e) {
      log.warn("table-layout {}: {}", bridge.layout().name(), e.getMessage());
    }
  }

  /**
   * The HTTP port (/metrics, /health, and the console when it shares the port) and the console's
   * own port when it has one.
   */
  private void startHttp() {
    AgentConfig.Console cc = config.console();
    Console console =
        cc.enabled()
            ? new Console(
                new ConsoleContext(
                    config,
                    clock,
                    store,
                    this::heldAccounts,
                    wakeup::signal,
                    this::accounts,
                    this::sentTotal))
            : null;
    boolean ownPort = console != null && cc.port() != null;
    try {
      if (config.http().port() > 0) {
        http =
            new HttpEndpoint(
                config.http().bind(),
                config.http().port(),
                httpLimits,
                this::scrape,
                this::health,
                ownPort ? null : console);
      }
      if (ownPort) {
        consolePort =
            new HttpListener(
                "ngs-agent-console",
                cc.bind(),
                cc.port(),
                httpLimits,
                ListenerErrors.PLAIN,
                console);
      }
    } catch (UncheckedIOException e) {
      if (http != null) {
        http.close();
      }
      throw new AgentException(e.getMessage(), e);
    }
    if (console != null) {
      log.info(
          "console on http://{}:{}/",
          ownPort ? cc.bind() : config.http().bind(),
          ownPort ? consolePort.port() : http.port());
    }
  }

  private static PgNotifyListener.ConnectionSource listenConnections(
      AgentConfig.Database db, Map<String, String> env) {
    return () -> {
      Properties p = new Properties();
      if (db.user() != null) {
        p.setProperty("user", db.user());
      }
      String password = db.resolvePassword(env);
      if (password != null) {
        p.setProperty("password", password);
      }
      p.setProperty("ApplicationName", "ngsign-agent-listen");
      return DriverManager.getConnection(db.url(), p);
    };
  }

  /** True while the PostgreSQL LISTEN connection is open (always false on MariaDB and H2). */
  boolean listening() {
    return listener != null && listener.listening();
  }

  private void safeTick() {
    if (!started) {
      return; // closing: no new leases after coordinator.shutdown()
    }
    try {
      coordinator.tick();
    } catch (RuntimeException e) {
      log.warn("lease round: {}", e.getMessage());
    }
    firstRound = true;
    leases.sessions(); // one look per heartbeat: a drop's start is noticed within a heartbeat
  }

  /** On the scheduler until ready: after the first lease round, every account held here bound. */
  private void checkReady() {
    if (ready.isDone() || !firstRound) {
      return;
    }
    List<AccountStatus> now = accounts(false);
    for (AccountStatus a : now) {
      if (a.heldHere() && !a.bound()) {
        return;
      }
    }
    ready.complete(now);
    readyCheck.cancel(false);
  }

  /**
   * Completes once the node is ready to send: its first lease round has run and every account it
   * holds then has both NGS sessions bound (a node that holds nothing, a standby, is ready after
   * the first round). A refused login keeps it pending: {@link #accounts()} and {@code /health} say
   * why. Fails when the agent closes first.
   */
  public CompletableFuture<List<AccountStatus>> ready() {
    return ready.copy();
  }

  /**
   * Simulates this process dying (tests): stops every thread and closes the sessions without
   * releasing the leases or leaving the node table, so other nodes must wait for the lease timeout.
   */
  void abandon() {
    if (!started) {
      return;
    }
    ready.completeExceptionally(new AgentException("the agent was abandoned before it was ready"));
    started = false;
    scheduler.shutdownNow();
    if (legacyScheduler != null) {
      legacyScheduler.shutdownNow();
    }
    if (listener != null) {
      listener.close();
    }
    leases.abandonAll();
    writer.close();
    closeHttp();
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  /**
   * Creates or upgrades the agent's tables on the configured database ({@code ./ngsign agent
   * init-db}), after the same zone check as {@link #start()}.
   *
   * @return migrations applied (0 when already up to date)
   */
  public static int initDb(AgentConfig config, Map<String, String> env) {
    return initDb(config, env, false).migrations();
  }

  /** What {@link #initDb(AgentConfig, Map, boolean)} did. */
  public record InitResult(int migrations, List<String> vendorTablesCreated) {}

  /**
   * Creates or upgrades the agent's tables, and for a {@code table-layout} other than {@code
   * ngsign} its side tables; with {@code createVendorTables} also the vendor's send tables that are
   * missing, in the vendor's DDL (existing ones are never touched).
   */
  public static InitResult initDb(
      AgentConfig config, Map<String, String> env, boolean createVendorTables) {
    AgentConfig.Database db = config.database();
    LegacyLayout layout = Layouts.of(config.tableLayout());
    ensureSchema(config, env, false);
    try (HikariDataSource ds = Pools.create(db, env, "ngs-agent-init", config.zone())) {
      Dialect d = Dialect.of(db.url());
      ZoneCheck.verify(ds, d, config.zone(), Clock.systemUTC(), config.allowZoneMismatch());
      int n = SchemaMigrator.migrate(ds, d, db.tablePrefix());
      List<String> created = List.of();
      if (layout != null) {
        n += SchemaMigrator.migrateLegacy(ds, d, db.tablePrefix());
        if (createVendorTables) {
          created = VendorTables.createMissing(ds, d, layout, Layouts.tables(layout, config));
        }
      }
      return new InitResult(n, created);
    }
  }

  /**
   * Connects once and makes sure the schema the URL names exists (PostgreSQL {@code currentSchema},
   * default {@code public}; MariaDB's database), creating it only when {@code create} is true: a
   * typo in the URL must not quietly make a new, empty schema.
   *
   * @return the schema created, or null when it existed (always null on H2)
   * @throws AgentException naming the schema and {@code --create-schema} when it does not exist;
   *     carrying the driver's exception when the database cannot be reached or refuses the login
   */
  public static String ensureSchema(AgentConfig config, Map<String, String> env, boolean create) {
    AgentConfig.Database db = config.database();
    return SchemaLocation.ensure(db.url(), db.user(), db.resolvePassword(env), create);
  }

  /** Runs one lease round now (tests, and right after start). */
  public void tickLeases() {
    scheduler.submit(this::safeTick);
  }

  /**
   * Every configured account as this node sees it now, in the configuration's order: the lease
   * holder (read from the lease table; null when none or when the database does not answer) and,
   * for the accounts held here, the state of both NGS sessions and since when they have not been
   * bound.
   */
  public List<AccountStatus> accounts() {
    return accounts(true);
  }

  /** {@code withHolders}: read the other nodes' leases from the database (not for /health). */
  private List<AccountStatus> accounts(boolean withHolders) {
    java.time.Instant at = clock.instant();
    Map<String, SessionWatch.Seen> seen = leases == null ? Map.of() : leases.sessions();
    Map<String, String> holders = Map.of();
    if (withHolders) {
      try {
        holders = leaseStore.holders();
      } catch (RuntimeException e) {
        log.debug("reading the lease holders: {}", e.getMessage());
      }
    }
    List<AccountStatus> out = new ArrayList<>(accounts.size());
    for (AgentConfig.Account a : accounts.values()) {
      SessionWatch.Seen s = seen.get(a.name());
      String holder = s != null ? config.nodeId() : holders.get(a.name());
      out.add(
          new AccountStatus(
              a.name(),
              a.id(),
              holder,
              s != null,
              s == null ? null : s.states().deliver(),
              s == null ? null : s.states().report(),
              s == null ? null : s.unboundSince(),
              at,
              s == null ? null : s.tps()));
    }
    return out;
  }

  /** DELIVERs this node has sent for an account since it started (the console's send rate). */
  private double sentTotal(String account) {
    return metrics.registry().find("ngs.agent.sent").tag("account", account).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  /** The accounts this node holds now, with their fence. */
  public Map<String, Long> heldAccounts() {
    return leases == null ? Map.of() : leases.held();
  }

  public AgentConfig config() {
    return config;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** Statements the store has run (a batched row counts once), for the benchmark. */
  public long statementCount() {
    return store.tables().statementCount();
  }

  /** The HTTP endpoint's port, or 0 when disabled. */
  public int httpPort() {
    return http == null ? 0 : http.port();
  }

  /** The console's port (its own, or the HTTP port it shares), or 0 when disabled. */
  public int consolePort() {
    if (!config.console().enabled()) {
      return 0;
    }
    return consolePort != null ? consolePort.port() : httpPort();
  }

  /** Connections open on the HTTP port now (tests and diagnostics). */
  int httpConnections() {
    return http == null ? 0 : http.openConnections();
  }

  private String scrape() {
    return metrics.registry() instanceof PrometheusMeterRegistry p ? p.scrape() : "";
  }

  private HttpEndpoint.Health health() {
    return Health.render(healthCheck());
  }

  /**
   * What {@code /health} answers: down (503) when the database does not answer or an account held
   * here has not had both NGS sessions bound for longer than {@code health.unbound-grace} (on the
   * agent's clock), with the reasons.
   */
  public AgentHealth healthCheck() {
    return Health.decide(
        config.nodeId(),
        housekeeping.databaseUp(),
        accounts(false), // no database round trip: /health must answer while the database hangs
        config.health().unboundGrace(),
        housekeeping.openCounts(),
        clock.instant());
  }

  /** Stops claiming, waits for outstanding ACKs, writes everything back, releases the leases. */
  @Override
  public synchronized void close() {
    ready.completeExceptionally(new AgentException("the agent was closed before it was ready"));
    if (!started) {
      if (ownedPool != null) {
        ownedPool.close();
      }
      return;
    }
    started = false;
    try {
      scheduler.submit(() -> coordinator.shutdown()).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown: {}", e.toString());
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
      if (legacyScheduler != null) {
        legacyScheduler.shutdown();
        if (!legacyScheduler.awaitTermination(10, TimeUnit.SECONDS)) {
          legacyScheduler.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (listener != null) {
      listener.close();
    }
    writer.close();
    if (bridge != null) {
      try {
        // the last ACKs and reports are written: show them in the vendor's columns now
        bridge.mirror(
            LocalDateTime.ofInstant(clock.instant(), config.zone()), config.polling().batchSize());
      } catch (RuntimeException e) {
        log.warn("table-layout {}: {}", bridge.layout().name(), e.getMessage());
      }
    }
    closeHttp();
    if (ownedPool != null) {
      ownedPool.close();
    }
    log.info("agent node {} stopped", config.nodeId());
  }

  private void closeHttp() {
    if (http != null) {
      http.close();
    }
    if (consolePort != null) {
      consolePort.close();
    }
  }

  /** Builds an {@link Agent}. */
  public static final class Builder {
    private final AgentConfig config;
    private DataSource dataSource;
    private String jdbcUrl;
    private MessageGateway gateway;
    private Clock clock = Clock.systemUTC();
    private Clock wallClock = Clock.systemUTC();
    private MeterRegistry registry;
    private Map<String, String> env = System.getenv();
    private Boolean migrate;
    private NgsClientGateway.Tuning tuning = NgsClientGateway.Tuning.defaults();
    private RowMilestones milestones = RowMilestones.NONE;
    private HttpLimits httpLimits = HttpEndpoint.LIMITS;

    private Builder(AgentConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Use this data source instead of a pool built from {@code database}; {@code jdbcUrl} picks the
     * SQL dialect.
     */
    public Builder dataSource(DataSource ds, String jdbcUrl) {
      this.dataSource = ds;
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * Client settings of the NGS gateway (tests, and the demo through {@code demo.LoginPacing}).
     */
    Builder tuning(NgsClientGateway.Tuning t) {
      this.tuning = Objects.requireNonNull(t, "tuning");
      return this;
    }

    /** The HTTP port's limits (tests with short deadlines; default {@link HttpEndpoint#LIMITS}). */
    Builder httpLimits(HttpLimits l) {
      this.httpLimits = Objects.requireNonNull(l, "httpLimits");
      return this;
    }

    /** Where DELIVERs go (default: NGS through {@code ngs-client}, one client per account). */
    public Builder gateway(MessageGateway g) {
      this.gateway = g;
      return this;
    }

    /** The clock for schedules, expiry, backoff and leases (default: system UTC). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * The real clock the zone check compares the database's with (tests that simulate the
     * database's clock).
     */
    Builder wallClock(Clock c) {
      this.wallClock = Objects.requireNonNull(c, "wallClock");
      return this;
    }

    /** The meter registry (default: a Prometheus registry, served on /metrics). */
    public Builder meterRegistry(MeterRegistry r) {
      this.registry = r;
      return this;
    }

    /** Environment for {@code password-env} (default: the process environment). */
    public Builder env(Map<String, String> e) {
      this.env = Map.copyOf(e);
      return this;
    }

    /** Observes each row's DELIVER write, ACK commit and REPORT commit (default: nothing). */
    public Builder milestones(RowMilestones m) {
      this.milestones = Objects.requireNonNull(m, "milestones");
      return this;
    }

    /** Apply migrations on start (default: only on embedded H2; otherwise run {@code init-db}). */
    public Builder migrate(boolean m) {
      this.migrate = m;
      return this;
    }

    public Agent build() {
      return new Agent(this);
    }
  }
}
