package dev.ngsign.ngs.agent;

import com.zaxxer.hikari.HikariDataSource;
import dev.ngsign.ngs.agent.internal.config.Pools;
import dev.ngsign.ngs.agent.internal.lease.LeaseCoordinator;
import dev.ngsign.ngs.agent.internal.lease.LeaseListener;
import dev.ngsign.ngs.agent.internal.lease.LeaseStore;
import dev.ngsign.ngs.agent.internal.metrics.AgentMetrics;
import dev.ngsign.ngs.agent.internal.metrics.HttpEndpoint;
import dev.ngsign.ngs.agent.internal.reports.WriteBehind;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaLocation;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.agent.internal.sender.AccountWorker;
import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent node: polls the send table for the accounts whose lease it holds, sends through a
 * {@link MessageGateway}, writes ACKs and reports back. Build with {@link #builder(AgentConfig)}, then
 * {@link #start()}; {@link #close()} stops claiming, waits for outstanding ACKs, writes everything back
 * and releases the leases so another node takes over at once.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  /** The lease that elects the node running housekeeping (report timeouts, log tables). */
  static final String MAINTENANCE = "#maintenance";

  private final AgentConfig config;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final MessageGateway gateway;
  private final Clock clock;
  private final AgentMetrics metrics;
  private final boolean migrate;
  private final Dialect dialect;
  private final MessageStore store;
  private final LeaseStore leaseStore;
  private final Map<String, AgentConfig.Account> accounts = new HashMap<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Long> openCounts = new ConcurrentHashMap<>();
  private WriteBehind writer;
  private LeaseCoordinator coordinator;
  private ScheduledExecutorService scheduler;
  private HttpEndpoint http;
  private volatile boolean maintenance;
  private volatile boolean databaseUp = true;
  private volatile boolean started;

  private record Running(AccountWorker worker, GatewaySession session) {}

  private Agent(Builder b) {
    if (b.gateway == null) {
      for (AgentConfig.Account a : b.config.accounts()) {
        a.resolvePassword(b.env); // fail now, naming the variable, not at every lease round
      }
    }
    this.config = b.config;
    this.clock = b.clock;
    MeterRegistry registry = b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.gateway = b.gateway != null ? b.gateway : new NgsClientGateway(b.env, registry, b.tuning);
    if (b.dataSource != null) {
      this.dataSource = b.dataSource;
      this.ownedPool = null;
    } else {
      this.ownedPool = Pools.create(config.database(), b.env, "ngs-agent");
      this.dataSource = ownedPool;
    }
    this.metrics = new AgentMetrics(registry, config.accounts().stream()
        .collect(java.util.stream.Collectors.toMap(AgentConfig.Account::name, AgentConfig.Account::id, (first, second) -> first)));
    this.dialect = Dialect.of(b.jdbcUrl != null ? b.jdbcUrl : config.database().url());
    this.migrate = b.migrate != null ? b.migrate : dialect == Dialect.H2;
    this.store = new MessageStore(dataSource, dialect, config.database().tablePrefix(), config.database().serialPrefix());
    this.leaseStore = new LeaseStore(dataSource, config.database().tablePrefix());
    for (AgentConfig.Account a : config.accounts()) {
      accounts.put(a.name(), a);
    }
  }

  public static Builder builder(AgentConfig config) {
    return new Builder(config);
  }

  /** Checks or applies the schema, then starts polling, leases and the HTTP endpoint. */
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
      throw new AgentException("the agent's tables (prefix " + prefix + ") are missing or out of date: run './ngsign agent init-db --config ...' first");
    }
    writer = new WriteBehind(store, clock, config.zone(), config.polling().writeBatchSize(), config.polling().writeDelay(), metrics::orphans);
    List<String> leased = new ArrayList<>(accounts.keySet());
    leased.add(MAINTENANCE);
    coordinator = new LeaseCoordinator(leaseStore, config.nodeId(), leased, config.lease().timeout(), config.lease().heartbeat(),
        clock, config.zone(), new Listener());
    for (String s : List.of("READY", "SENDING", "SENT")) {
      metrics.queueDepth(s, () -> openCounts.getOrDefault(s, 0L));
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ngs-agent-lease");
      t.setDaemon(true);
      return t;
    });
    long hb = config.lease().heartbeat().toMillis();
    started = true;
    scheduler.scheduleWithFixedDelay(this::safeTick, 0, hb, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::housekeeping, 1000, Math.max(1000, Math.min(10_000, hb)), TimeUnit.MILLISECONDS);
    if (config.http().port() > 0) {
      try {
        http = new HttpEndpoint(config.http().bind(), config.http().port(), this::scrape, this::health);
      } catch (IOException e) {
        throw new AgentException("cannot listen on " + config.http().bind() + ":" + config.http().port() + ": " + e.getMessage(), e);
      }
    }
    log.info("agent node {} started: {} account(s), database {}", config.nodeId(), accounts.size(), config.database().redactedUrl());
    return this;
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
  }

  private void housekeeping() {
    try {
      LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), config.zone());
      openCounts.clear();
      openCounts.putAll(store.openCounts());
      databaseUp = true;
      if (maintenance) {
        if (!config.expiry().resendUnreportedAfter().isZero()) {
          int again = store.resendUnreported(now.minus(config.expiry().resendUnreportedAfter()), config.retry().maxAttempts(), now);
          if (again > 0) {
            log.info("{} SENT row(s) had no REPORT after {}: sent again with the same SERIAL", again, config.expiry().resendUnreportedAfter());
          }
        }
        int failed = store.failReportTimeouts(now.minus(config.expiry().reportTimeout()), now);
        if (failed > 0) {
          log.info("{} row(s) had no REPORT within {}: FAILED/9006", failed, config.expiry().reportTimeout());
        }
        if (config.logTable().monthly()) {
          int moved;
          do {
            moved = store.moveToLog(now.minus(config.logTable().after()), config.logTable().batchSize());
          } while (moved >= config.logTable().batchSize());
        }
      }
    } catch (RuntimeException e) {
      databaseUp = false;
      log.warn("housekeeping: {}", e.getMessage());
    }
  }

  private final class Listener implements LeaseListener {
    @Override
    public void acquired(String account, long fence) {
      if (account.equals(MAINTENANCE)) {
        maintenance = true;
        return;
      }
      AgentConfig.Account acc = accounts.get(account);
      LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), config.zone());
      int recovered = store.recover(account, fence, now);
      if (recovered > 0) {
        log.info("account {}: {} row(s) caught between send and ACK go out again with the same SERIAL", account, recovered);
      }
      GatewaySession session = gateway.open(acc, report -> {
        metrics.report(account, report.serial(), report.result());
        return writer.report(new MessageStore.ReportWrite(account, report, LocalDateTime.ofInstant(clock.instant(), config.zone())));
      });
      boolean isDefault = config.defaultAccount() != null && config.defaultAccount().name().equals(account);
      AccountWorker w = new AccountWorker(config, acc, isDefault, fence, store, writer, session, clock, metrics);
      running.put(account, new Running(w, session));
      metrics.leaseHeld(account, true);
      w.start();
    }

    @Override
    public void stop(String account, long fence) {
      if (account.equals(MAINTENANCE)) {
        maintenance = false;
        return;
      }
      Running r = running.remove(account);
      if (r == null) {
        return;
      }
      r.worker().stop(Duration.ofSeconds(10));
      try {
        r.session().close();
      } catch (RuntimeException e) {
        log.warn("closing the session of {}: {}", account, e.getMessage());
      }
      r.worker().awaitIdle(Duration.ofSeconds(5));
      try {
        writer.flush().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("account {}: write-back not confirmed on stop: {}", account, e.toString());
      }
      metrics.leaseHeld(account, false);
    }
  }

  /**
   * Simulates this process dying (tests): stops every thread and closes the sessions without releasing
   * the leases or leaving the node table, so other nodes must wait for the lease timeout.
   */
  void abandon() {
    if (!started) {
      return;
    }
    started = false;
    scheduler.shutdownNow();
    for (Running r : running.values()) {
      r.worker().stop(Duration.ZERO);
      r.session().close();
    }
    running.clear();
    writer.close();
    if (http != null) {
      http.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  /**
   * Creates or upgrades the agent's tables on the configured database ({@code ./ngsign agent init-db}).
   *
   * @return migrations applied (0 when already up to date)
   */
  public static int initDb(AgentConfig config, Map<String, String> env) {
    AgentConfig.Database db = config.database();
    ensureSchema(config, env, false);
    try (HikariDataSource ds = Pools.create(db, env, "ngs-agent-init")) {
      return SchemaMigrator.migrate(ds, Dialect.of(db.url()), db.tablePrefix());
    }
  }

  /**
   * Connects once and makes sure the schema the URL names exists (PostgreSQL {@code currentSchema}, default
   * {@code public}; MariaDB's database), creating it only when {@code create} is true: a typo in the URL must not
   * quietly make a new, empty schema.
   *
   * @return the schema created, or null when it existed (always null on H2)
   * @throws AgentException naming the schema and {@code --create-schema} when it does not exist; carrying the
   *     driver's exception when the database cannot be reached or refuses the login
   */
  public static String ensureSchema(AgentConfig config, Map<String, String> env, boolean create) {
    AgentConfig.Database db = config.database();
    return SchemaLocation.ensure(db.url(), db.user(), db.resolvePassword(env), create);
  }

  /** Runs one lease round now (tests, and right after start). */
  public void tickLeases() {
    scheduler.submit(this::safeTick);
  }

  /** The accounts this node holds now, with their fence. */
  public Map<String, Long> heldAccounts() {
    Map<String, Long> out = new HashMap<>();
    for (var e : running.entrySet()) {
      out.put(e.getKey(), e.getValue().worker().fence());
    }
    return out;
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
    return store.statementCount();
  }

  /** The HTTP endpoint's port, or 0 when disabled. */
  public int httpPort() {
    return http == null ? 0 : http.port();
  }

  private String scrape() {
    return metrics.registry() instanceof PrometheusMeterRegistry p ? p.scrape() : "";
  }

  private HttpEndpoint.Health health() {
    StringBuilder sb = new StringBuilder("{\"node\":\"").append(config.nodeId()).append("\",\"database\":\"")
        .append(databaseUp ? "up" : "down").append("\",\"accounts\":{");
    boolean first = true;
    for (String a : accounts.keySet()) {
      sb.append(first ? "" : ",").append('"').append(a).append("\":\"").append(running.containsKey(a) ? "held" : "standby").append('"');
      first = false;
    }
    sb.append("},\"open\":{");
    first = true;
    for (var e : openCounts.entrySet()) {
      sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
      first = false;
    }
    sb.append("}}");
    return new HttpEndpoint.Health(databaseUp, sb.toString());
  }

  /** Stops claiming, waits for outstanding ACKs, writes everything back, releases the leases. */
  @Override
  public synchronized void close() {
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
    if (http != null) {
      http.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
    log.info("agent node {} stopped", config.nodeId());
  }

  /** Builds an {@link Agent}. */
  public static final class Builder {
    private final AgentConfig config;
    private DataSource dataSource;
    private String jdbcUrl;
    private MessageGateway gateway;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry registry;
    private Map<String, String> env = System.getenv();
    private Boolean migrate;
    private NgsClientGateway.Tuning tuning = NgsClientGateway.Tuning.defaults();

    private Builder(AgentConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Use this data source instead of a pool built from {@code database}; {@code jdbcUrl} picks the SQL dialect. */
    public Builder dataSource(DataSource ds, String jdbcUrl) {
      this.dataSource = ds;
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * Shorter login pacing for a local test gateway: the least time between two CERTs and the first
     * reconnect delay (defaults 3.5 s and 5 s, as the spec asks of real gateways).
     */
    public Builder testTiming(Duration certMinInterval, Duration reconnect) {
      this.tuning = tuning.withLoginPacing(certMinInterval, reconnect);
      return this;
    }

    /** Client settings of the NGS gateway (tests). */
    Builder tuning(NgsClientGateway.Tuning t) {
      this.tuning = Objects.requireNonNull(t, "tuning");
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
