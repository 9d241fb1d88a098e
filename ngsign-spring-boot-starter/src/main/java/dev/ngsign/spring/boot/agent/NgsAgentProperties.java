package dev.ngsign.spring.boot.agent;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code ngsign.agent.*}: the sending agent run inside the application, with the keys of {@code
 * agent.yml} (kebab-case, the same sections and names) except {@code database.url}, {@code user},
 * {@code password} and {@code pool-size}: the agent uses the application's DataSource. Unset values
 * keep the agent's defaults.
 */
@ConfigurationProperties(prefix = NgsAgentProperties.PREFIX)
public class NgsAgentProperties {
  public static final String PREFIX = "ngsign.agent";

  /** Run the sending agent inside the application, on its DataSource. Default false. */
  private boolean enabled = false;

  /**
   * Create or upgrade the agent's tables at start-up. Default: only on embedded H2, as the agent
   * does; elsewhere run ngsign agent init-db or set true.
   */
  private Boolean migrate;

  /** This node's name in the lease tables. Default: host name + process id. */
  private String nodeId;

  /**
   * Time zone the database's timestamps are written in. Default: the application's JVM zone (its
   * own inserts write local time in it). The advertising hours and the log month are Korean
   * whatever it is.
   */
  private java.time.ZoneId zone;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Boolean getMigrate() {
    return migrate;
  }

  public void setMigrate(Boolean migrate) {
    this.migrate = migrate;
  }

  public String getNodeId() {
    return nodeId;
  }

  public void setNodeId(String nodeId) {
    this.nodeId = nodeId;
  }

  public java.time.ZoneId getZone() {
    return zone;
  }

  public void setZone(java.time.ZoneId zone) {
    this.zone = zone;
  }

  /** The NGS accounts the agent sends through (agent.yml: accounts). */
  private List<Account> accounts = new ArrayList<>();

  public List<Account> getAccounts() {
    return accounts;
  }

  public void setAccounts(List<Account> accounts) {
    this.accounts = accounts;
  }

  /**
   * The send table on the application's DataSource (its URL, user and pool are the DataSource's).
   */
  @NestedConfigurationProperty private final Database database = new Database();

  public Database getDatabase() {
    return database;
  }

  /** How rows are claimed. */
  @NestedConfigurationProperty private final Polling polling = new Polling();

  public Polling getPolling() {
    return polling;
  }

  /** Retries of refused DELIVERs. */
  @NestedConfigurationProperty private final Retry retry = new Retry();

  public Retry getRetry() {
    return retry;
  }

  /** When rows give up. */
  @NestedConfigurationProperty private final Expiry expiry = new Expiry();

  public Expiry getExpiry() {
    return expiry;
  }

  /** Moving final rows to log tables. */
  @NestedConfigurationProperty private final LogTable logTable = new LogTable();

  public LogTable getLogTable() {
    return logTable;
  }

  /** Account leases between agent nodes. */
  @NestedConfigurationProperty private final Lease lease = new Lease();

  public Lease getLease() {
    return lease;
  }

  /** Sending rules checked before a DELIVER. */
  @NestedConfigurationProperty private final Guards guards = new Guards();

  public Guards getGuards() {
    return guards;
  }

  /**
   * The agent's own HTTP endpoint (/metrics, /health). Inside an application Actuator serves both,
   * so it is off unless a port is set.
   */
  @NestedConfigurationProperty private final Http http = new Http();

  public Http getHttp() {
    return http;
  }

  /** One NGS account of the agent. */
  public static class Account {
    /** The value of the ACCOUNT column that selects this account. Default: id. */
    private String name;

    /** The cert server's host. Default 127.0.0.1. */
    private String certHost;

    /** The cert server's port. Required. */
    private Integer certPort;

    /** The NGS ID. Required. */
    private String id;

    /** The password (never logged); prefer password-env. */
    private String password;

    /** The name of an environment variable holding the password. */
    private String passwordEnv;

    /** BIND TYPE P (encrypted bodies) instead of p. Default true. */
    private Boolean encrypted;

    /** The SENDER_CODE used when a row leaves it empty. */
    private String senderCode;

    /**
     * Rows with an empty ACCOUNT go to this account. Default: the first account. (agent.yml:
     * default)
     */
    private Boolean isDefault;

    /**
     * This agent's own cap in messages per second over all types; 0: only the server's limits.
     * Default 0.
     */
    private Integer tps;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getCertHost() {
      return certHost;
    }

    public void setCertHost(String certHost) {
      this.certHost = certHost;
    }

    public Integer getCertPort() {
      return certPort;
    }

    public void setCertPort(Integer certPort) {
      this.certPort = certPort;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getPasswordEnv() {
      return passwordEnv;
    }

    public void setPasswordEnv(String passwordEnv) {
      this.passwordEnv = passwordEnv;
    }

    public Boolean getEncrypted() {
      return encrypted;
    }

    public void setEncrypted(Boolean encrypted) {
      this.encrypted = encrypted;
    }

    public String getSenderCode() {
      return senderCode;
    }

    public void setSenderCode(String senderCode) {
      this.senderCode = senderCode;
    }

    /**
     * Rows with an empty ACCOUNT go to this account. Default: the first account. (agent.yml:
     * default)
     */
    public Boolean getDefault() {
      return isDefault;
    }

    public void setDefault(Boolean isDefault) {
      this.isDefault = isDefault;
    }

    public Integer getTps() {
      return tps;
    }

    public void setTps(Integer tps) {
      this.tps = tps;
    }
  }

  /**
   * The send table on the application's DataSource (its URL, user and pool are the DataSource's).
   */
  public static class Database {
    /** Prefix of every table: letters, digits and underscores. Default NGS_. */
    private String tablePrefix;

    /**
     * Put before the row ID to make SERIAL when a row has none (0 to 4 letters or digits). Default
     * none.
     */
    private String serialPrefix;

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public String getSerialPrefix() {
      return serialPrefix;
    }

    public void setSerialPrefix(String serialPrefix) {
      this.serialPrefix = serialPrefix;
    }
  }

  /** How rows are claimed. */
  public static class Polling {
    /** The wait between polls when the last one found fewer rows than a batch. Default 200ms. */
    private java.time.Duration interval;

    /** Rows claimed per transaction. Default 500. */
    private Integer batchSize;

    /** DELIVERs sent but not yet ACKed, per account. Default 2000. */
    private Integer maxInFlight;

    /** ACK and report updates written per transaction. Default 1000. */
    private Integer writeBatchSize;

    /** How long the writer waits to fill a batch. Default 5ms. */
    private java.time.Duration writeDelay;

    public java.time.Duration getInterval() {
      return interval;
    }

    public void setInterval(java.time.Duration interval) {
      this.interval = interval;
    }

    public Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
      this.batchSize = batchSize;
    }

    public Integer getMaxInFlight() {
      return maxInFlight;
    }

    public void setMaxInFlight(Integer maxInFlight) {
      this.maxInFlight = maxInFlight;
    }

    public Integer getWriteBatchSize() {
      return writeBatchSize;
    }

    public void setWriteBatchSize(Integer writeBatchSize) {
      this.writeBatchSize = writeBatchSize;
    }

    public java.time.Duration getWriteDelay() {
      return writeDelay;
    }

    public void setWriteDelay(java.time.Duration writeDelay) {
      this.writeDelay = writeDelay;
    }
  }

  /** Retries of refused DELIVERs. */
  public static class Retry {
    /** DELIVERs per row before a retryable code ends it as FAILED. Default 5. */
    private Integer maxAttempts;

    /** The wait after the first failure. Default 5s. */
    private java.time.Duration initialBackoff;

    /** Growth of the wait per attempt. Default 2. */
    private Double multiplier;

    /** The longest wait. Default 5m. */
    private java.time.Duration maxBackoff;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public java.time.Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(java.time.Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public java.time.Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(java.time.Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** When rows give up. */
  public static class Expiry {
    /**
     * Rows without EXPIRES_AT expire this long after SCHEDULED_AT (or CREATED_AT); zero: never.
     * Default 24h.
     */
    private java.time.Duration defaultTtl;

    /** A SENT row with no REPORT after this long ends FAILED/9006. Default 72h. */
    private java.time.Duration reportTimeout;

    /**
     * A SENT row with no REPORT this long after its ACK is sent again with the same SERIAL. Default
     * off.
     */
    private java.time.Duration resendUnreportedAfter;

    public java.time.Duration getDefaultTtl() {
      return defaultTtl;
    }

    public void setDefaultTtl(java.time.Duration defaultTtl) {
      this.defaultTtl = defaultTtl;
    }

    public java.time.Duration getReportTimeout() {
      return reportTimeout;
    }

    public void setReportTimeout(java.time.Duration reportTimeout) {
      this.reportTimeout = reportTimeout;
    }

    public java.time.Duration getResendUnreportedAfter() {
      return resendUnreportedAfter;
    }

    public void setResendUnreportedAfter(java.time.Duration resendUnreportedAfter) {
      this.resendUnreportedAfter = resendUnreportedAfter;
    }
  }

  /** Moving final rows to log tables. */
  public static class LogTable {
    /** none (rows stay) or monthly. Default none. */
    private String mode;

    /** How long a final row stays in the send table first. Default 10m. */
    private java.time.Duration after;

    /** Rows moved per transaction. Default 1000. */
    private Integer batchSize;

    public String getMode() {
      return mode;
    }

    public void setMode(String mode) {
      this.mode = mode;
    }

    public java.time.Duration getAfter() {
      return after;
    }

    public void setAfter(java.time.Duration after) {
      this.after = after;
    }

    public Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
      this.batchSize = batchSize;
    }
  }

  /** Account leases between agent nodes. */
  public static class Lease {
    /** A holder that has not renewed for this long loses the account. Default 30s. */
    private java.time.Duration timeout;

    /** How often leases and the node row are renewed. Default timeout / 3. */
    private java.time.Duration heartbeat;

    public java.time.Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(java.time.Duration timeout) {
      this.timeout = timeout;
    }

    public java.time.Duration getHeartbeat() {
      return heartbeat;
    }

    public void setHeartbeat(java.time.Duration heartbeat) {
      this.heartbeat = heartbeat;
    }
  }

  /** Sending rules checked before a DELIVER. */
  public static class Guards {
    /**
     * Hold AD_FLAG=Y rows outside the advertising window and require the (광고) prefix and an opt-out
     * number. Default true.
     */
    private Boolean advertising;

    /** Start of the advertising window, local time HH:mm. Default 08:00. */
    private String adWindowStart;

    /** End of the advertising window, exclusive, HH:mm. Default 21:00. */
    private String adWindowEnd;

    /** Reject rows without SENDER_CODE (and no account default). Default true. */
    private Boolean requireSenderCode;

    /** Check the content rules before sending. Default true. */
    private Boolean contentRules;

    public Boolean getAdvertising() {
      return advertising;
    }

    public void setAdvertising(Boolean advertising) {
      this.advertising = advertising;
    }

    public String getAdWindowStart() {
      return adWindowStart;
    }

    public void setAdWindowStart(String adWindowStart) {
      this.adWindowStart = adWindowStart;
    }

    public String getAdWindowEnd() {
      return adWindowEnd;
    }

    public void setAdWindowEnd(String adWindowEnd) {
      this.adWindowEnd = adWindowEnd;
    }

    public Boolean getRequireSenderCode() {
      return requireSenderCode;
    }

    public void setRequireSenderCode(Boolean requireSenderCode) {
      this.requireSenderCode = requireSenderCode;
    }

    public Boolean getContentRules() {
      return contentRules;
    }

    public void setContentRules(Boolean contentRules) {
      this.contentRules = contentRules;
    }
  }

  /**
   * The agent's own HTTP endpoint (/metrics, /health). Inside an application Actuator serves both,
   * so it is off unless a port is set.
   */
  public static class Http {
    /** The port; 0 for none. Default 0 here (the standalone agent's default is 9464). */
    private Integer port;

    /** The address. Default 127.0.0.1. */
    private String bind;

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }

    public String getBind() {
      return bind;
    }

    public void setBind(String bind) {
      this.bind = bind;
    }
  }
}
