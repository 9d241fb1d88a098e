package dev.ngsign.ngs.agent;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The agent's whole configuration: immutable, built with {@link #builder()} or read from {@code
 * agent.yml} by {@link #load} (keys in kebab-case; durations as {@code 200ms}, {@code 5s}, {@code
 * 10m}, {@code 1h}, {@code 2d} or ISO-8601). Every section and value has a default, given by a
 * {@code DEFAULT_*} constant and documented on its component; a {@code null} component means "the
 * default". {@link #defaults()} is a valid configuration that sends nothing (no accounts) on
 * embedded H2 under {@code ./data}.
 *
 * @param nodeId this node's name in the lease tables (default: host name + process id, looked up
 *     only when no node id is given)
 * @param zone the time zone of every timestamp in the agent's tables, the ones the application
 *     writes ({@code SCHEDULED_AT}, {@code EXPIRES_AT}, {@code CREATED_AT}) and the ones the agent
 *     writes (default {@link #DEFAULT_ZONE}). The advertising window and the log month do not
 *     follow it: they are Korean time (see {@link Guards} and {@link LogTable})
 * @param allowZoneMismatch start even when the database's clock, as its sessions see it, differs
 *     from the agent's clock in {@code zone} by more than a minute (default false: refuse to start)
 */
public record AgentConfig(
    String nodeId,
    ZoneId zone,
    Boolean allowZoneMismatch,
    Database database,
    List<Account> accounts,
    Polling polling,
    Retry retry,
    Expiry expiry,
    LogTable logTable,
    Lease lease,
    Guards guards,
    Http http,
    Console console) {

  /**
   * Korea: the zone of the law's advertising hours, of the NGS gateway's SENDTIME and of its
   * billing month.
   */
  public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

  /** Default {@code zone}: {@link #KOREA}. */
  public static final ZoneId DEFAULT_ZONE = KOREA;

  public AgentConfig {
    nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId;
    zone = zone == null ? DEFAULT_ZONE : zone;
    allowZoneMismatch = allowZoneMismatch != null && allowZoneMismatch;
    database = database == null ? Database.DEFAULT : database;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    polling = polling == null ? new Polling(null, null, null, null, null) : polling;
    retry = retry == null ? new Retry(null, null, null, null) : retry;
    expiry = expiry == null ? new Expiry(null, null, null, null, null) : expiry;
    logTable = logTable == null ? new LogTable(null, null, null, null) : logTable;
    lease = lease == null ? new Lease(null, null) : lease;
    guards = guards == null ? new Guards(null, null, null, null, null) : guards;
    http = http == null ? new Http(null, null) : http;
    console = console == null ? Console.OFF : console;
    if (console.enabled() && console.port() == null && http.port() == 0) {
      throw new ConfigException(
          "console.port: the console shares the HTTP port, but http.port is 0 (off); give"
              + " http.port or console.port");
    }
    for (int i = 0; i < accounts.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (accounts.get(i).name().equals(accounts.get(j).name())) {
          throw new ConfigException(
              "accounts[" + i + "].name: '" + accounts.get(i).name() + "' is used twice");
        }
      }
    }
  }

  /**
   * Reads {@code agent.yml}.
   *
   * @throws ConfigException naming the key when the file is missing, not YAML, or a value is wrong
   */
  public static AgentConfig load(java.nio.file.Path file) {
    return dev.ngsign.ngs.agent.internal.config.ConfigLoader.load(file);
  }

  /** Parses YAML text; see {@link #load}. */
  public static AgentConfig parse(String yaml) {
    return dev.ngsign.ngs.agent.internal.config.ConfigLoader.parse(yaml);
  }

  /** Everything at its default. */
  public static AgentConfig defaults() {
    return builder().build();
  }

  /** A builder with every section at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .nodeId(nodeId)
        .zone(zone)
        .allowZoneMismatch(allowZoneMismatch)
        .database(database)
        .accounts(accounts)
        .polling(polling)
        .retry(retry)
        .expiry(expiry)
        .logTable(logTable)
        .lease(lease)
        .guards(guards)
        .http(http)
        .console(console);
  }

  /**
   * The account rows with an empty ACCOUNT column go to: the one marked default, else the first.
   */
  public Account defaultAccount() {
    for (Account a : accounts) {
      if (a.isDefault()) {
        return a;
      }
    }
    return accounts.isEmpty() ? null : accounts.get(0);
  }

  public AgentConfig withAccounts(List<Account> a) {
    return toBuilder().accounts(a).build();
  }

  public AgentConfig withDatabase(Database d) {
    return toBuilder().database(d).build();
  }

  public AgentConfig withNodeId(String n) {
    return toBuilder().nodeId(n).build();
  }

  public AgentConfig withZone(ZoneId z) {
    return toBuilder().zone(z).build();
  }

  public AgentConfig withPolling(Polling p) {
    return toBuilder().polling(p).build();
  }

  public AgentConfig withRetry(Retry r) {
    return toBuilder().retry(r).build();
  }

  public AgentConfig withExpiry(Expiry e) {
    return toBuilder().expiry(e).build();
  }

  public AgentConfig withLogTable(LogTable l) {
    return toBuilder().logTable(l).build();
  }

  public AgentConfig withLease(Lease l) {
    return toBuilder().lease(l).build();
  }

  public AgentConfig withGuards(Guards g) {
    return toBuilder().guards(g).build();
  }

  public AgentConfig withHttp(Http h) {
    return toBuilder().http(h).build();
  }

  public AgentConfig withConsole(Console c) {
    return toBuilder().console(c).build();
  }

  /** Builds an {@link AgentConfig}; every setter left alone keeps the default. Not thread-safe. */
  public static final class Builder {
    private String nodeId;
    private ZoneId zone;
    private Boolean allowZoneMismatch;
    private Database database;
    private List<Account> accounts;
    private Polling polling;
    private Retry retry;
    private Expiry expiry;
    private LogTable logTable;
    private Lease lease;
    private Guards guards;
    private Http http;
    private Console console;

    private Builder() {}

    public Builder nodeId(String v) {
      this.nodeId = v;
      return this;
    }

    public Builder zone(ZoneId v) {
      this.zone = v;
      return this;
    }

    public Builder allowZoneMismatch(Boolean v) {
      this.allowZoneMismatch = v;
      return this;
    }

    public Builder database(Database v) {
      this.database = v;
      return this;
    }

    public Builder accounts(List<Account> v) {
      this.accounts = v;
      return this;
    }

    public Builder polling(Polling v) {
      this.polling = v;
      return this;
    }

    public Builder retry(Retry v) {
      this.retry = v;
      return this;
    }

    public Builder expiry(Expiry v) {
      this.expiry = v;
      return this;
    }

    public Builder logTable(LogTable v) {
      this.logTable = v;
      return this;
    }

    public Builder lease(Lease v) {
      this.lease = v;
      return this;
    }

    public Builder guards(Guards v) {
      this.guards = v;
      return this;
    }

    public Builder http(Http v) {
      this.http = v;
      return this;
    }

    public Builder console(Console v) {
      this.console = v;
      return this;
    }

    /**
     * @throws ConfigException naming the value when one is out of range
     */
    public AgentConfig build() {
      return new AgentConfig(
          nodeId,
          zone,
          allowZoneMismatch,
          database,
          accounts,
          polling,
          retry,
          expiry,
          logTable,
          lease,
          guards,
          http,
          console);
    }
  }

  /** The host name as the environment gives it (no DNS lookup), and the process id. */
  private static String defaultNodeId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = System.getenv("COMPUTERNAME");
    }
    if (host == null || host.isBlank()) {
      host = "node";
    }
    String id = host + "-" + ProcessHandle.current().pid();
    return id.length() > 64 ? id.substring(0, 64) : id;
  }

  /**
   * The database.
   *
   * @param url JDBC URL (default {@code jdbc:h2:file:./data/ngsign-agent}, embedded H2); PostgreSQL
   *     and MariaDB/MySQL URLs are recognised by their prefix
   * @param user user name (default {@code sa} for H2, else empty)
   * @param password password (never logged); prefer {@code password-env}
   * @param passwordEnv the name of an environment variable holding the password
   * @param tablePrefix prefix of every table (default {@code NGS_}); letters, digits and
   *     underscores
   * @param serialPrefix put before the row ID to make SERIAL when a row has none (0 to 4 letters or
   *     digits, default none); give each send table sharing an NGS account its own
   * @param poolSize connections in the pool (default 6)
   */
  public record Database(
      String url,
      String user,
      String password,
      String passwordEnv,
      String tablePrefix,
      String serialPrefix,
      Integer poolSize) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/ngsign-agent";
    public static final String DEFAULT_TABLE_PREFIX = "NGS_";
    public static final int DEFAULT_POOL_SIZE = 6;
    public static final Database DEFAULT = new Database(null, null, null, null, null, null, null);

    /** A database with only URL, user and password set. */
    public static Database of(String url, String user, String password) {
      return new Database(url, user, password, null, null, null, null);
    }

    public Database withTablePrefix(String p) {
      return new Database(url, user, password, passwordEnv, p, serialPrefix, poolSize);
    }

    public Database {
      url = url == null || url.isBlank() ? DEFAULT_URL : url;
      user = user == null ? (url.startsWith("jdbc:h2:") ? "sa" : "") : user;
      tablePrefix = tablePrefix == null ? DEFAULT_TABLE_PREFIX : tablePrefix;
      serialPrefix = serialPrefix == null ? "" : serialPrefix;
      if (!serialPrefix.matches("[A-Za-z0-9]{0,4}")) {
        throw new ConfigException(
            "database.serial-prefix: '" + serialPrefix + "' must be 0 to 4 letters or digits");
      }
      if (!tablePrefix.matches("[A-Za-z][A-Za-z0-9_]{0,20}|")) {
        throw new ConfigException(
            "database.table-prefix: '"
                + tablePrefix
                + "' must be letters, digits and _ (at most 21, starting with a letter)");
      }
      poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
      if (poolSize < 2) {
        throw new ConfigException("database.pool-size: " + poolSize + " is below 2");
      }
    }

    /** The URL with any {@code password=...} parameter masked, for logs. */
    public String redactedUrl() {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    /** The password: {@code password}, else the variable {@code password-env} names, else empty. */
    public String resolvePassword(Map<String, String> env) {
      return Secrets.resolve("database", password, passwordEnv, env);
    }

    @Override
    public String toString() {
      return "Database[url="
          + redactedUrl()
          + ", user="
          + user
          + ", password="
          + (password == null ? "<none>" : "****")
          + ", passwordEnv="
          + passwordEnv
          + ", tablePrefix="
          + tablePrefix
          + ", serialPrefix="
          + serialPrefix
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /**
   * One NGS account.
   *
   * @param name the value of the ACCOUNT column that selects this account (default: {@code id})
   * @param certHost the cert server's host
   * @param certPort the cert server's port
   * @param id the NGS ID (20C)
   * @param password the password (never logged); prefer {@code password-env}
   * @param passwordEnv the name of an environment variable holding the password
   * @param encrypted BIND TYPE {@code P} (encrypted bodies) instead of {@code p} (default true)
   * @param senderCode the SENDER_CODE used when a row leaves it empty (optional)
   * @param isDefault rows with an empty ACCOUNT go to this account (default: the first account)
   * @param tps this agent's own cap in messages per second over all types (0 = only the server's
   *     limits)
   */
  public record Account(
      String name,
      String certHost,
      Integer certPort,
      String id,
      String password,
      String passwordEnv,
      Boolean encrypted,
      String senderCode,
      Boolean isDefault,
      Integer tps) {
    public static final String DEFAULT_CERT_HOST = "127.0.0.1";
    public static final boolean DEFAULT_ENCRYPTED = true;

    /**
     * A builder for the account with NGS ID {@code id} whose cert server listens on {@code
     * certPort}.
     */
    public static Builder builder(String id, int certPort) {
      return new Builder(id, certPort);
    }

    public Account {
      if (id == null || id.isBlank()) {
        throw new ConfigException("accounts[].id is required");
      }
      name = name == null || name.isBlank() ? id : name;
      if (name.length() > 32) {
        throw new ConfigException("accounts[" + name + "].name is longer than 32 characters");
      }
      certHost = certHost == null ? DEFAULT_CERT_HOST : certHost;
      if (certPort == null) {
        throw new ConfigException("accounts[" + name + "].cert-port is required");
      }
      encrypted = encrypted == null ? DEFAULT_ENCRYPTED : encrypted;
      isDefault = isDefault == null ? Boolean.FALSE : isDefault;
      tps = tps == null ? 0 : tps;
    }

    /** The password: {@code password}, else the variable {@code password-env} names. */
    public String resolvePassword(Map<String, String> env) {
      return Secrets.resolve("accounts[" + name + "]", password, passwordEnv, env);
    }

    /** Builds an {@link Account}; unset values take their defaults. */
    public static final class Builder {
      private final String id;
      private final int certPort;
      private String name;
      private String certHost;
      private String password;
      private String passwordEnv;
      private Boolean encrypted;
      private String senderCode;
      private Boolean isDefault;
      private Integer tps;

      private Builder(String id, int certPort) {
        this.id = id;
        this.certPort = certPort;
      }

      public Builder name(String v) {
        this.name = v;
        return this;
      }

      public Builder certHost(String v) {
        this.certHost = v;
        return this;
      }

      public Builder password(String v) {
        this.password = v;
        return this;
      }

      public Builder passwordEnv(String v) {
        this.passwordEnv = v;
        return this;
      }

      public Builder encrypted(boolean v) {
        this.encrypted = v;
        return this;
      }

      public Builder senderCode(String v) {
        this.senderCode = v;
        return this;
      }

      public Builder isDefault(boolean v) {
        this.isDefault = v;
        return this;
      }

      public Builder tps(int v) {
        this.tps = v;
        return this;
      }

      public Account build() {
        return new Account(
            name,
            certHost,
            certPort,
            id,
            password,
            passwordEnv,
            encrypted,
            senderCode,
            isDefault,
            tps);
      }
    }

    public Account withCertPort(int port) {
      return new Account(
          name, certHost, port, id, password, passwordEnv, encrypted, senderCode, isDefault, tps);
    }

    @Override
    public String toString() {
      return "Account[name="
          + name
          + ", cert="
          + certHost
          + ":"
          + certPort
          + ", id="
          + id
          + ", password="
          + (password == null ? "<none>" : "****")
          + ", passwordEnv="
          + passwordEnv
          + ", encrypted="
          + encrypted
          + ", senderCode="
          + senderCode
          + ", default="
          + isDefault
          + ", tps="
          + tps
          + "]";
    }
  }

  /**
   * How rows are claimed.
   *
   * @param interval the longest wait between claims when there is nothing to send (default 200ms):
   *     on PostgreSQL only the fallback, since an INSERT wakes the agent (LISTEN/NOTIFY); on
   *     MariaDB and H2 the ceiling of the adaptive poll, which starts at 10 ms after an empty claim
   *     and doubles
   * @param batchSize rows claimed per transaction (default 500)
   * @param maxInFlight DELIVERs sent but not yet ACKed, per account (default 2000)
   * @param writeBatchSize ACK/report updates written per transaction (default 1000)
   * @param writeDelay how long the writer waits to fill a batch (default 5ms)
   */
  public record Polling(
      Duration interval,
      Integer batchSize,
      Integer maxInFlight,
      Integer writeBatchSize,
      Duration writeDelay) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_IN_FLIGHT = 2000;
    public static final int DEFAULT_WRITE_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_WRITE_DELAY = Duration.ofMillis(5);

    public Polling {
      interval = interval == null ? DEFAULT_INTERVAL : interval;
      batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
      maxInFlight = maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
      writeBatchSize = writeBatchSize == null ? DEFAULT_WRITE_BATCH_SIZE : writeBatchSize;
      writeDelay = writeDelay == null ? DEFAULT_WRITE_DELAY : writeDelay;
      if (batchSize < 1 || maxInFlight < 1 || writeBatchSize < 1) {
        throw new ConfigException(
            "polling: batch-size, max-in-flight and write-batch-size must be at least 1");
      }
    }
  }

  /**
   * Retries of retryable DELIVER_ACK codes (E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER) and of
   * sends that got no ACK.
   *
   * @param maxAttempts DELIVERs per row before a retryable code ends it as FAILED (default 5);
   *     sends without any ACK are retried until the row expires
   * @param initialBackoff the wait after the first failure (default 5s)
   * @param multiplier growth per attempt (default 2)
   * @param maxBackoff the longest wait (default 5m)
   */
  public record Retry(
      Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(5);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    public Retry {
      maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
      initialBackoff = initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : initialBackoff;
      multiplier = multiplier == null ? DEFAULT_MULTIPLIER : multiplier;
      maxBackoff = maxBackoff == null ? DEFAULT_MAX_BACKOFF : maxBackoff;
    }

    public BackoffStrategy backoff() {
      return BackoffStrategy.exponential(initialBackoff, multiplier, maxBackoff);
    }
  }

  /**
   * Expiry.
   *
   * @param defaultTtl rows without EXPIRES_AT expire this long after SCHEDULED_AT (or CREATED_AT);
   *     zero means never (default 24h)
   * @param reportTimeout a SENT row with no REPORT after this long ends FAILED/9006 (default 72h; a
   *     late report still wins)
   * @param resendUnreportedAfter a SENT row with no REPORT this long after its ACK is sent again
   *     with the same SERIAL (while attempts are left), for gateways that may lose accepted
   *     messages in a crash; only safe when the gateway treats a repeated SERIAL as the same
   *     message for longer than this (this project's gateway: 24 h). Zero (the default) never
   *     re-sends.
   * @param unservedHintAfter a READY row whose ACCOUNT names no account any running node serves
   *     gets a hint in RESULT_MSG once it has waited this long (default 5m; zero: never). The agent
   *     also logs a WARN once per such account and counts the rows in {@code
   *     ngs_agent_unserved_rows}
   * @param reportOverdueAfter a SENT row without a REPORT this long after its ACK is counted in
   *     {@code ngs_agent_report_overdue_rows}, logged, and gets a hint in RESULT_MSG (default 1h;
   *     zero: never) — the gateway answers a SERIAL it already accepted within 24 hours with E_OK
   *     and no report
   */
  public record Expiry(
      Duration defaultTtl,
      Duration reportTimeout,
      Duration resendUnreportedAfter,
      Duration unservedHintAfter,
      Duration reportOverdueAfter) {
    public static final Duration DEFAULT_DEFAULT_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_REPORT_TIMEOUT = Duration.ofHours(72);
    public static final Duration DEFAULT_RESEND_UNREPORTED_AFTER = Duration.ZERO;
    public static final Duration DEFAULT_UNSERVED_HINT_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPORT_OVERDUE_AFTER = Duration.ofHours(1);

    public Expiry {
      defaultTtl = defaultTtl == null ? DEFAULT_DEFAULT_TTL : defaultTtl;
      reportTimeout = reportTimeout == null ? DEFAULT_REPORT_TIMEOUT : reportTimeout;
      resendUnreportedAfter =
          resendUnreportedAfter == null ? DEFAULT_RESEND_UNREPORTED_AFTER : resendUnreportedAfter;
      unservedHintAfter =
          unservedHintAfter == null ? DEFAULT_UNSERVED_HINT_AFTER : unservedHintAfter;
      reportOverdueAfter =
          reportOverdueAfter == null ? DEFAULT_REPORT_OVERDUE_AFTER : reportOverdueAfter;
      if (!resendUnreportedAfter.isZero() && resendUnreportedAfter.compareTo(reportTimeout) >= 0) {
        throw new ConfigException(
            "expiry.resend-unreported-after "
                + resendUnreportedAfter
                + " must be below expiry.report-timeout "
                + reportTimeout);
      }
    }

    public Expiry(Duration defaultTtl, Duration reportTimeout) {
      this(defaultTtl, reportTimeout, null, null, null);
    }

    public Expiry(
        Duration defaultTtl,
        Duration reportTimeout,
        Duration resendUnreportedAfter,
        Duration unservedHintAfter) {
      this(defaultTtl, reportTimeout, resendUnreportedAfter, unservedHintAfter, null);
    }

    public Expiry(Duration defaultTtl, Duration reportTimeout, Duration resendUnreportedAfter) {
      this(defaultTtl, reportTimeout, resendUnreportedAfter, null, null);
    }
  }

  /**
   * Moving finished rows to monthly log tables ({@code <prefix>MSG_LOG_YYYYMM}).
   *
   * @param mode {@code none} (rows stay) or {@code monthly} (default none)
   * @param after how long a final row stays in the send table first (default 10m)
   * @param batchSize rows moved per transaction (default 1000)
   * @param month which month a row belongs to: {@code korean} (default), the Korean calendar month
   *     of the row's last update, the month the NGS gateway bills and vendors' agents use; or
   *     {@code zone}, the month of UPDATED_AT as written in {@code zone}. The two differ only when
   *     {@code zone} is not Korean time, for rows finished near midnight on a month's last day
   */
  public record LogTable(String mode, Duration after, Integer batchSize, String month) {
    public static final String DEFAULT_MODE = "none";
    public static final Duration DEFAULT_AFTER = Duration.ofMinutes(10);
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final String DEFAULT_MONTH = "korean";

    public LogTable {
      mode = mode == null ? DEFAULT_MODE : mode.toLowerCase(java.util.Locale.ROOT);
      if (!mode.equals("none") && !mode.equals("monthly")) {
        throw new ConfigException("log-table.mode: '" + mode + "' is not none or monthly");
      }
      after = after == null ? DEFAULT_AFTER : after;
      batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
      month = month == null ? DEFAULT_MONTH : month.toLowerCase(java.util.Locale.ROOT);
      if (!month.equals("korean") && !month.equals("zone")) {
        throw new ConfigException("log-table.month: '" + month + "' is not korean or zone");
      }
    }

    public LogTable(String mode, Duration after, Integer batchSize) {
      this(mode, after, batchSize, null);
    }

    public boolean monthly() {
      return mode.equals("monthly");
    }

    /** The zone whose calendar month names a row's log table. */
    public ZoneId monthZone(ZoneId zone) {
      return month.equals("korean") ? KOREA : zone;
    }
  }

  /**
   * Account leases between nodes.
   *
   * @param timeout a holder that has not renewed for this long loses the account (default 30s)
   * @param heartbeat how often leases and the node row are renewed (default timeout / 3)
   */
  public record Lease(Duration timeout, Duration heartbeat) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public Lease {
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
      heartbeat = heartbeat == null ? timeout.dividedBy(3) : heartbeat;
      if (heartbeat.compareTo(timeout.dividedBy(2)) > 0) {
        throw new ConfigException(
            "lease.heartbeat " + heartbeat + " must be at most half of lease.timeout " + timeout);
      }
    }
  }

  /**
   * Korean sending rules, switched on by default.
   *
   * @param advertising hold AD_FLAG=Y rows outside the window and require the (광고) prefix and an
   *     opt-out number (default true)
   * @param adWindowStart start of the advertising window in Korean time (Asia/Seoul), whatever
   *     {@code zone}, the JVM or the database say (default 08:00)
   * @param adWindowEnd end of the window in Korean time, exclusive (default 21:00)
   * @param requireSenderCode reject rows without SENDER_CODE (and no account default) (default
   *     true)
   * @param contentRules check section-6 content rules before sending (default true)
   */
  public record Guards(
      Boolean advertising,
      LocalTime adWindowStart,
      LocalTime adWindowEnd,
      Boolean requireSenderCode,
      Boolean contentRules) {
    /** 정보통신망법 제50조: no advertising from 21:00 to 08:00 (Korean time) without separate consent. */
    public static final LocalTime DEFAULT_AD_WINDOW_START = LocalTime.of(8, 0);

    public static final LocalTime DEFAULT_AD_WINDOW_END = LocalTime.of(21, 0);

    public Guards {
      advertising = advertising == null ? Boolean.TRUE : advertising;
      adWindowStart = adWindowStart == null ? DEFAULT_AD_WINDOW_START : adWindowStart;
      adWindowEnd = adWindowEnd == null ? DEFAULT_AD_WINDOW_END : adWindowEnd;
      requireSenderCode = requireSenderCode == null ? Boolean.TRUE : requireSenderCode;
      contentRules = contentRules == null ? Boolean.TRUE : contentRules;
      if (!adWindowStart.isBefore(adWindowEnd)) {
        throw new ConfigException(
            "guards.ad-window-start "
                + adWindowStart
                + " must be before guards.ad-window-end "
                + adWindowEnd);
      }
    }
  }

  /**
   * The HTTP endpoint: {@code /metrics} (Prometheus) and {@code /health}.
   *
   * @param port the port, 0 for none (default 9464)
   * @param bind the address (default 127.0.0.1)
   */
  public record Http(Integer port, String bind) {
    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public Http {
      port = port == null ? DEFAULT_PORT : port;
      bind = bind == null ? DEFAULT_BIND : bind;
    }
  }

  /**
   * The operator console (docs/console.md): web pages on the agent's HTTP port showing each
   * account's state and the send table, with the actions resend, cancel, pause and resume. Off
   * unless enabled; an enabled console without {@code password-hash} refuses to start.
   *
   * @param enabled serve the console (default false)
   * @param port its own port, or null (default) to share {@code http.port} with {@code /metrics}
   *     and {@code /health}
   * @param bind the address of its own port (default 127.0.0.1; ignored when it shares {@code
   *     http.port}, which has {@code http.bind})
   * @param passwordHash the operators' password as {@code ./ngsign agent console-password} prints
   *     it ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>}); never the password itself
   * @param secureCookie mark the session cookie {@code Secure} (default false; set it when a TLS
   *     proxy serves the console: the browser then sends the cookie over HTTPS only)
   * @param sessionIdle a session unused this long ends (default 30m)
   * @param sessionMax a session ends this long after the login, used or not (default 12h)
   */
  public record Console(
      Boolean enabled,
      Integer port,
      String bind,
      String passwordHash,
      Boolean secureCookie,
      Duration sessionIdle,
      Duration sessionMax) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);

    /** The default: no console. (After the defaults it uses: static fields start in order.) */
    public static final Console OFF = new Console(false, null, null, null, null, null, null);

    public Console {
      enabled = enabled != null && enabled;
      bind = bind == null || bind.isBlank() ? DEFAULT_BIND : bind;
      secureCookie = secureCookie != null && secureCookie;
      sessionIdle = sessionIdle == null ? DEFAULT_SESSION_IDLE : sessionIdle;
      sessionMax = sessionMax == null ? DEFAULT_SESSION_MAX : sessionMax;
      if (port != null && (port < 0 || port > 65535)) {
        throw new ConfigException("console.port: " + port + " is not a port (0-65535)");
      }
      if (sessionIdle.isNegative() || sessionIdle.isZero()) {
        throw new ConfigException("console.session-idle: " + sessionIdle + " must be positive");
      }
      if (sessionMax.isNegative() || sessionMax.isZero()) {
        throw new ConfigException("console.session-max: " + sessionMax + " must be positive");
      }
      if (enabled && (passwordHash == null || passwordHash.isBlank())) {
        throw new ConfigException(
            "console.password-hash: the console is enabled but has no password hash; make one"
                + " with './ngsign agent console-password' and put it in agent.yml (the console"
                + " refuses to start open)");
      }
      if (passwordHash != null && !passwordHash.isBlank()) {
        ConsolePassword.checkFormat(passwordHash);
      }
    }

    /** An enabled console with this password hash and every other value at its default. */
    public static Console withPasswordHash(String hash) {
      return new Console(true, null, null, hash, null, null, null);
    }

    /** The same on its own port (0 for one the system picks), bound to {@code bind}. */
    public Console onPort(int p, String b) {
      return new Console(enabled, p, b, passwordHash, secureCookie, sessionIdle, sessionMax);
    }

    @Override
    public String toString() {
      return "Console[enabled="
          + enabled
          + ", port="
          + port
          + ", bind="
          + bind
          + ", passwordHash="
          + (passwordHash == null ? "none" : "(set)")
          + "]";
    }
  }

  /** Password resolution shared by database and accounts. */
  static final class Secrets {
    private Secrets() {}

    static String resolve(String where, String password, String env, Map<String, String> vars) {
      if (password != null) {
        return password;
      }
      if (env != null && !env.isBlank()) {
        String v = vars.get(env);
        if (v == null) {
          throw new ConfigException(
              where
                  + ".password-env: environment variable "
                  + env
                  + " is not set (export "
                  + env
                  + "=...; an empty value is allowed, e.g. for a database with trust authentication)");
        }
        return v;
      }
      return "";
    }
  }

  @Override
  public String toString() {
    return "AgentConfig[nodeId="
        + nodeId
        + ", zone="
        + zone
        + ", database="
        + database
        + ", accounts="
        + accounts
        + "]";
  }
}
