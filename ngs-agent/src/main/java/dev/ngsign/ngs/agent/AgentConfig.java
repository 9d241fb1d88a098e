package dev.ngsign.ngs.agent;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The agent's whole configuration, as read from {@code agent.yml} (keys in kebab-case; durations as
 * {@code 200ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601). Every section and value
 * has a default, documented on its component; {@link #defaults()} is a valid configuration that sends
 * nothing (no accounts) on embedded H2 under {@code ./data}.
 *
 * @param nodeId this node's name in the lease tables (default: host name + process id)
 * @param zone the time zone of the database's timestamps and of the advertising window (default
 *     Asia/Seoul)
 */
public record AgentConfig(
    String nodeId,
    ZoneId zone,
    Database database,
    List<Account> accounts,
    Polling polling,
    Retry retry,
    Expiry expiry,
    LogTable logTable,
    Lease lease,
    Guards guards,
    Http http) {

  public AgentConfig {
    nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId;
    zone = zone == null ? ZoneId.of("Asia/Seoul") : zone;
    database = database == null ? Database.DEFAULT : database;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    polling = polling == null ? new Polling(null, null, null, null, null) : polling;
    retry = retry == null ? new Retry(null, null, null, null) : retry;
    expiry = expiry == null ? new Expiry(null, null, null) : expiry;
    logTable = logTable == null ? new LogTable(null, null, null) : logTable;
    lease = lease == null ? new Lease(null, null) : lease;
    guards = guards == null ? new Guards(null, null, null, null, null) : guards;
    http = http == null ? new Http(null, null) : http;
    for (int i = 0; i < accounts.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (accounts.get(i).name().equals(accounts.get(j).name())) {
          throw new ConfigException("accounts[" + i + "].name: '" + accounts.get(i).name() + "' is used twice");
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
    return new AgentConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The account rows with an empty ACCOUNT column go to: the one marked default, else the first. */
  public Account defaultAccount() {
    for (Account a : accounts) {
      if (a.isDefault()) {
        return a;
      }
    }
    return accounts.isEmpty() ? null : accounts.get(0);
  }

  public AgentConfig withAccounts(List<Account> a) {
    return new AgentConfig(nodeId, zone, database, a, polling, retry, expiry, logTable, lease, guards, http);
  }

  public AgentConfig withDatabase(Database d) {
    return new AgentConfig(nodeId, zone, d, accounts, polling, retry, expiry, logTable, lease, guards, http);
  }

  public AgentConfig withNodeId(String n) {
    return new AgentConfig(n, zone, database, accounts, polling, retry, expiry, logTable, lease, guards, http);
  }

  public AgentConfig withPolling(Polling p) {
    return new AgentConfig(nodeId, zone, database, accounts, p, retry, expiry, logTable, lease, guards, http);
  }

  public AgentConfig withRetry(Retry r) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, r, expiry, logTable, lease, guards, http);
  }

  public AgentConfig withExpiry(Expiry e) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, retry, e, logTable, lease, guards, http);
  }

  public AgentConfig withLogTable(LogTable l) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, retry, expiry, l, lease, guards, http);
  }

  public AgentConfig withLease(Lease l) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, retry, expiry, logTable, l, guards, http);
  }

  public AgentConfig withGuards(Guards g) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, retry, expiry, logTable, lease, g, http);
  }

  public AgentConfig withHttp(Http h) {
    return new AgentConfig(nodeId, zone, database, accounts, polling, retry, expiry, logTable, lease, guards, h);
  }

  private static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    String id = host + "-" + ProcessHandle.current().pid();
    return id.length() > 64 ? id.substring(0, 64) : id;
  }

  /**
   * The database.
   *
   * @param url JDBC URL (default {@code jdbc:h2:file:./data/ngsign-agent}, embedded H2); PostgreSQL and
   *     MariaDB/MySQL URLs are recognised by their prefix
   * @param user user name (default {@code sa} for H2, else empty)
   * @param password password (never logged); prefer {@code password-env}
   * @param passwordEnv the name of an environment variable holding the password
   * @param tablePrefix prefix of every table (default {@code NGS_}); letters, digits and underscores
   * @param serialPrefix put before the row ID to make SERIAL when a row has none (0 to 4 letters or
   *     digits, default none); give each send table sharing an NGS account its own
   * @param poolSize connections in the pool (default 6)
   */
  public record Database(String url, String user, String password, String passwordEnv, String tablePrefix, String serialPrefix, Integer poolSize) {
    public static final Database DEFAULT = new Database(null, null, null, null, null, null, null);

    /** A database with only URL, user and password set. */
    public static Database of(String url, String user, String password) {
      return new Database(url, user, password, null, null, null, null);
    }

    public Database withTablePrefix(String p) {
      return new Database(url, user, password, passwordEnv, p, serialPrefix, poolSize);
    }

    public Database {
      url = url == null || url.isBlank() ? "jdbc:h2:file:./data/ngsign-agent" : url;
      user = user == null ? (url.startsWith("jdbc:h2:") ? "sa" : "") : user;
      tablePrefix = tablePrefix == null ? "NGS_" : tablePrefix;
      serialPrefix = serialPrefix == null ? "" : serialPrefix;
      if (!serialPrefix.matches("[A-Za-z0-9]{0,4}")) {
        throw new ConfigException("database.serial-prefix: '" + serialPrefix + "' must be 0 to 4 letters or digits");
      }
      if (!tablePrefix.matches("[A-Za-z][A-Za-z0-9_]{0,20}|")) {
        throw new ConfigException("database.table-prefix: '" + tablePrefix + "' must be letters, digits and _ (at most 21, starting with a letter)");
      }
      poolSize = poolSize == null ? 6 : poolSize;
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
      return "Database[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? "<none>" : "****")
          + ", passwordEnv=" + passwordEnv + ", tablePrefix=" + tablePrefix + ", serialPrefix=" + serialPrefix + ", poolSize=" + poolSize + "]";
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
   * @param tps this agent's own cap in messages per second over all types (0 = only the server's limits)
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
      @com.fasterxml.jackson.annotation.JsonProperty("default") Boolean isDefault,
      Integer tps) {
    public Account {
      if (id == null || id.isBlank()) {
        throw new ConfigException("accounts[].id is required");
      }
      name = name == null || name.isBlank() ? id : name;
      if (name.length() > 32) {
        throw new ConfigException("accounts[" + name + "].name is longer than 32 characters");
      }
      certHost = certHost == null ? "127.0.0.1" : certHost;
      if (certPort == null) {
        throw new ConfigException("accounts[" + name + "].cert-port is required");
      }
      encrypted = encrypted == null ? Boolean.TRUE : encrypted;
      isDefault = isDefault == null ? Boolean.FALSE : isDefault;
      tps = tps == null ? 0 : tps;
    }

    /** The password: {@code password}, else the variable {@code password-env} names. */
    public String resolvePassword(Map<String, String> env) {
      return Secrets.resolve("accounts[" + name + "]", password, passwordEnv, env);
    }

    public Account withCertPort(int port) {
      return new Account(name, certHost, port, id, password, passwordEnv, encrypted, senderCode, isDefault, tps);
    }

    @Override
    public String toString() {
      return "Account[name=" + name + ", cert=" + certHost + ":" + certPort + ", id=" + id
          + ", password=" + (password == null ? "<none>" : "****") + ", passwordEnv=" + passwordEnv
          + ", encrypted=" + encrypted + ", senderCode=" + senderCode + ", default=" + isDefault + ", tps=" + tps + "]";
    }
  }

  /**
   * How rows are claimed.
   *
   * @param interval the wait between polls when the last one found fewer rows than a batch (default 200ms)
   * @param batchSize rows claimed per transaction (default 500)
   * @param maxInFlight DELIVERs sent but not yet ACKed, per account (default 2000)
   * @param writeBatchSize ACK/report updates written per transaction (default 1000)
   * @param writeDelay how long the writer waits to fill a batch (default 5ms)
   */
  public record Polling(Duration interval, Integer batchSize, Integer maxInFlight, Integer writeBatchSize, Duration writeDelay) {
    public Polling {
      interval = interval == null ? Duration.ofMillis(200) : interval;
      batchSize = batchSize == null ? 500 : batchSize;
      maxInFlight = maxInFlight == null ? 2000 : maxInFlight;
      writeBatchSize = writeBatchSize == null ? 1000 : writeBatchSize;
      writeDelay = writeDelay == null ? Duration.ofMillis(5) : writeDelay;
      if (batchSize < 1 || maxInFlight < 1 || writeBatchSize < 1) {
        throw new ConfigException("polling: batch-size, max-in-flight and write-batch-size must be at least 1");
      }
    }
  }

  /**
   * Retries of retryable DELIVER_ACK codes (E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER) and of sends
   * that got no ACK.
   *
   * @param maxAttempts DELIVERs per row before a retryable code ends it as FAILED (default 5); sends
   *     without any ACK are retried until the row expires
   * @param initialBackoff the wait after the first failure (default 5s)
   * @param multiplier growth per attempt (default 2)
   * @param maxBackoff the longest wait (default 5m)
   */
  public record Retry(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {
    public Retry {
      maxAttempts = maxAttempts == null ? 5 : maxAttempts;
      initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
      multiplier = multiplier == null ? 2.0 : multiplier;
      maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
    }

    public BackoffStrategy backoff() {
      return BackoffStrategy.exponential(initialBackoff, multiplier, maxBackoff);
    }
  }

  /**
   * Expiry.
   *
   * @param defaultTtl rows without EXPIRES_AT expire this long after SCHEDULED_AT (or CREATED_AT); zero
   *     means never (default 24h)
   * @param reportTimeout a SENT row with no REPORT after this long ends FAILED/9006 (default 72h; a late
   *     report still wins)
   * @param resendUnreportedAfter a SENT row with no REPORT this long after its ACK is sent again with the
   *     same SERIAL (while attempts are left), for gateways that may lose accepted messages in a crash;
   *     only safe when the gateway treats a repeated SERIAL as the same message for longer than this
   *     (this project's gateway: 24 h). Zero (the default) never re-sends.
   */
  public record Expiry(Duration defaultTtl, Duration reportTimeout, Duration resendUnreportedAfter) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Expiry {
      defaultTtl = defaultTtl == null ? Duration.ofHours(24) : defaultTtl;
      reportTimeout = reportTimeout == null ? Duration.ofHours(72) : reportTimeout;
      resendUnreportedAfter = resendUnreportedAfter == null ? Duration.ZERO : resendUnreportedAfter;
      if (!resendUnreportedAfter.isZero() && resendUnreportedAfter.compareTo(reportTimeout) >= 0) {
        throw new ConfigException("expiry.resend-unreported-after " + resendUnreportedAfter + " must be below expiry.report-timeout " + reportTimeout);
      }
    }

    public Expiry(Duration defaultTtl, Duration reportTimeout) {
      this(defaultTtl, reportTimeout, null);
    }
  }

  /**
   * Moving finished rows to monthly log tables ({@code <prefix>MSG_LOG_YYYYMM}, month of UPDATED_AT).
   *
   * @param mode {@code none} (rows stay) or {@code monthly} (default none)
   * @param after how long a final row stays in the send table first (default 10m)
   * @param batchSize rows moved per transaction (default 1000)
   */
  public record LogTable(String mode, Duration after, Integer batchSize) {
    public LogTable {
      mode = mode == null ? "none" : mode.toLowerCase(java.util.Locale.ROOT);
      if (!mode.equals("none") && !mode.equals("monthly")) {
        throw new ConfigException("log-table.mode: '" + mode + "' is not none or monthly");
      }
      after = after == null ? Duration.ofMinutes(10) : after;
      batchSize = batchSize == null ? 1000 : batchSize;
    }

    public boolean monthly() {
      return mode.equals("monthly");
    }
  }

  /**
   * Account leases between nodes.
   *
   * @param timeout a holder that has not renewed for this long loses the account (default 30s)
   * @param heartbeat how often leases and the node row are renewed (default timeout / 3)
   */
  public record Lease(Duration timeout, Duration heartbeat) {
    public Lease {
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
      heartbeat = heartbeat == null ? timeout.dividedBy(3) : heartbeat;
      if (heartbeat.compareTo(timeout.dividedBy(2)) > 0) {
        throw new ConfigException("lease.heartbeat " + heartbeat + " must be at most half of lease.timeout " + timeout);
      }
    }
  }

  /**
   * Korean sending rules, switched on by default.
   *
   * @param advertising hold AD_FLAG=Y rows outside the window and require the (광고) prefix and an opt-out
   *     number (default true)
   * @param adWindowStart start of the advertising window, local time (default 08:00)
   * @param adWindowEnd end of the window, exclusive (default 21:00)
   * @param requireSenderCode reject rows without SENDER_CODE (and no account default) (default true)
   * @param contentRules check section-6 content rules before sending (default true)
   */
  public record Guards(Boolean advertising, LocalTime adWindowStart, LocalTime adWindowEnd, Boolean requireSenderCode, Boolean contentRules) {
    public Guards {
      advertising = advertising == null ? Boolean.TRUE : advertising;
      adWindowStart = adWindowStart == null ? LocalTime.of(8, 0) : adWindowStart;
      adWindowEnd = adWindowEnd == null ? LocalTime.of(21, 0) : adWindowEnd;
      requireSenderCode = requireSenderCode == null ? Boolean.TRUE : requireSenderCode;
      contentRules = contentRules == null ? Boolean.TRUE : contentRules;
    }
  }

  /**
   * The HTTP endpoint: {@code /metrics} (Prometheus) and {@code /health}.
   *
   * @param port the port, 0 for none (default 9464)
   * @param bind the address (default 127.0.0.1)
   */
  public record Http(Integer port, String bind) {
    public Http {
      port = port == null ? 9464 : port;
      bind = bind == null ? "127.0.0.1" : bind;
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
          throw new ConfigException(where + ".password-env: environment variable " + env + " is not set (export " + env
              + "=...; an empty value is allowed, e.g. for a database with trust authentication)");
        }
        return v;
      }
      return "";
    }
  }

  @Override
  public String toString() {
    return "AgentConfig[nodeId=" + nodeId + ", zone=" + zone + ", database=" + database + ", accounts=" + accounts + "]";
  }
}
