package dev.ngsign.ngs.gateway;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.ngs.gateway.internal.GatewayServer;
import dev.ngsign.ngs.gateway.internal.GatewaySettings;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.deliver.DeliverScript;
import dev.ngsign.ngs.gateway.internal.report.SerialRecord;
import dev.ngsign.ngs.gateway.internal.report.StoreOptions;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * An NGS 2.0.1 gateway: the cert server, the deliver port and the report port, with simulated
 * carriers that answer every accepted message with a REPORT. It enforces the session and DELIVER
 * rules of the spec (see {@code docs/gateway.md}) and doubles as an in-process test fixture:
 *
 * <pre>{@code
 * try (NgsGateway gw = NgsGateway.builder()
 *     .account(Account.builder("testid", "secret").tps(10, 10, 10).build())
 *     .reportDelay(Duration.ZERO)
 *     .build()) {
 *   GatewayPorts ports = gw.start();            // ephemeral ports on 127.0.0.1
 *   // ... point the client at ports.certPort() ...
 *   assertThat(gw.messagesAccepted("testid", "serial-1")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} once; {@link #close()} tells bound sessions with EVENT type 0,
 * closes them and flushes pending reports to the data directory. A new gateway on the same {@link
 * Builder#dataDir} sends the reports still waiting for REPORT_ACK when the account's report session
 * binds again.
 */
public final class NgsGateway implements AutoCloseable {
  /** Listeners' bind address: loopback, so a gateway is never exposed by accident. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The admin API's bind address. */
  public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";

  /** No admin API unless a port is given. */
  public static final int DEFAULT_ADMIN_PORT = -1;

  /**
   * What the admin port tolerates from slow or idle HTTP clients: the request head within 10 s of
   * connecting (or of the previous reply), the body within 10 s of the head, at most 64 connections
   * (more get 503), bodies up to 64 KiB (413 beyond), 2 worker threads with 64 requests queued.
   */
  public static final HttpLimits DEFAULT_ADMIN_HTTP_LIMITS =
      new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 64, 64 * 1024, 2, 64);

  /** CERT/BIND must arrive within this of connecting (section 2.1). */
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(1);

  /** At most one successful CERT per account per interval (section 4.1). */
  public static final Duration DEFAULT_CERT_INTERVAL = Duration.ofSeconds(3);

  /** BIND must use a CERT_KEY at most this old. */
  public static final Duration DEFAULT_BIND_WINDOW = Duration.ofSeconds(5);

  /** A bound session with no packet received for this long is closed. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);

  /** More than this many CERT attempts within {@link #DEFAULT_LOCK_WINDOW} lock the account. */
  public static final int DEFAULT_LOCK_THRESHOLD = 20;

  /** The window the CERT attempts of {@link #DEFAULT_LOCK_THRESHOLD} are counted in. */
  public static final Duration DEFAULT_LOCK_WINDOW = Duration.ofSeconds(60);

  /** How long a connect lock lasts. */
  public static final Duration DEFAULT_LOCK_DURATION = Duration.ofMinutes(10);

  /** From accepting a message to its REPORT. */
  public static final Duration DEFAULT_REPORT_DELAY = Duration.ofMillis(500);

  /** A SERIAL repeated within this window is the same message. */
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(24);

  /** REPORTs in flight (sent, not yet acknowledged) per report session. */
  public static final int DEFAULT_REPORT_WINDOW = 1000;

  /** How often a report session looks for newly due reports. */
  public static final Duration DEFAULT_REPORT_POLL_INTERVAL = Duration.ofMillis(10);

  /** Seed of the simulated carriers' random failures. */
  public static final long DEFAULT_RANDOM_SEED = 42;

  private final GatewayServer server;

  private NgsGateway(GatewayServer server) {
    this.server = server;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the listeners; returns the ports (ephemeral ones resolved). Idempotent. */
  public GatewayPorts start() {
    return server.start();
  }

  /** The bound ports, or null before {@link #start()}. */
  public @Nullable GatewayPorts ports() {
    return server.ports();
  }

  /**
   * Shuts down: EVENT type 0 (E_SHUTDOWN) to every session, then close, then the store is flushed.
   */
  @Override
  public void close() {
    server.close();
  }

  // ---- accounts and operator actions ----

  /**
   * Adds an account, or replaces one with the same ID (its lock, quota use and counters are kept).
   */
  public void putAccount(Account account) {
    server.context().putAccount(Objects.requireNonNull(account, "account"));
  }

  /** The account's current configuration. */
  public Account account(String id) {
    return server.account(id).account();
  }

  /**
   * Changes TPS live and sends EVENT type 1 ({@code SMS,MMS,KKO}) to the account's sessions;
   * returns how many.
   */
  public int setTps(String accountId, TpsLimits tps) {
    return server.setTps(accountId, tps);
  }

  /**
   * Closes the account's sessions of {@code kind} (null: both) with EVENT type 0 and the reason.
   */
  public int kick(String accountId, @Nullable SessionKind kind, @Nullable String reason) {
    return server.kick(accountId, kind, reason);
  }

  /** Lifts the account's connect lock; returns whether it was locked. */
  public boolean unlock(String accountId) {
    return server.unlock(accountId);
  }

  public boolean isLocked(String accountId) {
    GatewayServer s = server;
    return s.account(accountId).connectGuard().isLocked(s.context().now());
  }

  /**
   * Changes the delay between accepting a message and its REPORT becoming due (for new messages).
   */
  public void setReportDelay(Duration delay) {
    server.context().reportDelayMillis(delay.toMillis());
  }

  // ---- fault injection and recording (test fixture) ----

  /**
   * The next DELIVERs to {@code daAddr} are answered with these codes instead of being processed
   * (nothing is accepted, no report), one code per DELIVER, in order; then normal handling resumes.
   * E.g. {@code scriptDeliverAcks(da, ResultCode.E_SYS_BUSY, ResultCode.E_SYS_BUSY)} to test
   * retries.
   */
  public void scriptDeliverAcks(String daAddr, ResultCode... codes) {
    int[] c = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      c[i] = codes[i].code();
    }
    server.context().script().script(daAddr, c);
  }

  /**
   * The next {@code count} DELIVERs to {@code daAddr} get no DELIVER_ACK at all (and are not
   * accepted).
   */
  public void swallowDeliverAcks(String daAddr, int count) {
    int[] c = new int[count];
    java.util.Arrays.fill(c, DeliverScript.NO_ANSWER);
    server.context().script().script(daAddr, c);
  }

  /**
   * While {@code hold} is true, LINKs on the account's sessions of {@code kind} (null: both kinds)
   * are received but get no LINK_ACK, so a test can watch the client's keepalive timeout and
   * reconnect. A held LINK still counts as activity for the idle timeout, as every received packet
   * does. The hold is per account and kind, so it also applies to the sessions the client binds
   * after reconnecting, until {@code hold} is false.
   */
  public void holdLinkAcks(String accountId, @Nullable SessionKind kind, boolean hold) {
    AccountState a = server.account(accountId);
    for (SessionKind k : kind == null ? SessionKind.values() : new SessionKind[] {kind}) {
      a.holdLinkAcks(k, hold);
    }
  }

  /**
   * The next {@code count} reports of the account that the client acknowledges (REPORT_ACK RESULT 0
   * with the matching SERIAL and GWSERIAL) are sent once more, unchanged (same GWSERIAL), right
   * after their REPORT_ACK, on the same report session: a test of the client's duplicate-report
   * handling, for the case where the vendor repeats a report the client has already acknowledged.
   * The repeat's own REPORT_ACK deletes nothing and is not repeated again. Replaces an earlier
   * count; 0 switches it off (the default: no report is sent again once acknowledged).
   */
  public void resendAcknowledgedReports(String accountId, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count);
    }
    server.account(accountId).resendAcknowledgedReports(count);
  }

  /**
   * The oldest DELIVER received (decodable ones, in arrival order, scripted or not), waiting up to
   * {@code timeout}; null when none came. Needs {@link Builder#recordDelivers(int)}.
   */
  public @Nullable Deliver takeDeliver(Duration timeout) throws InterruptedException {
    return server.context().script().take(timeout);
  }

  // ---- inspection (for tests and the admin API) ----

  /** Bound sessions. */
  public List<SessionInfo> sessions() {
    return server.sessions();
  }

  /** Whether the account has a bound session of {@code kind}. */
  public boolean isBound(String accountId, SessionKind kind) {
    return server.context().sessions().get(accountId, kind) != null;
  }

  /**
   * Messages accepted per second (gateway clock, epoch seconds) over the last ~8 minutes; for TPS
   * tests.
   */
  public SortedMap<Long, Long> acceptedPerSecond(String accountId) {
    return server.account(accountId).acceptedPerSecondTotal();
  }

  /**
   * Messages of one TPS class (SMS; LMS and MMS; AlimTalk and FriendTalk, as BIND_ACK limits them)
   * accepted per second, like {@link #acceptedPerSecond(String)}: a test of a client that paces
   * each class to its own limit checks each class here, which the total cannot show.
   */
  public SortedMap<Long, Long> acceptedPerSecond(String accountId, TpsClass cls) {
    return server
        .account(accountId)
        .acceptedPerSecond(Objects.requireNonNull(cls, "cls"))
        .snapshot();
  }

  /** Messages accepted for the account since start (duplicates not counted). */
  public long acceptedCount(String accountId) {
    return server.account(accountId).accepted();
  }

  /** DELIVERs refused for the account since start (any code but E_OK). */
  public long refusedCount(String accountId) {
    return server.account(accountId).refused();
  }

  /**
   * Distinct messages created for the SERIAL (0 or 1 within the de-duplication window; more only
   * when the window expired between them). Survives restarts.
   */
  public long messagesAccepted(String accountId, String serial) {
    SerialRecord r = server.context().store().serial(accountId, serial);
    return r == null ? 0 : r.distinctMessages();
  }

  /** DELIVERs answered E_OK for the SERIAL, duplicates included. Survives restarts. */
  public long deliversAccepted(String accountId, String serial) {
    SerialRecord r = server.context().store().serial(accountId, serial);
    return r == null ? 0 : r.acceptedDelivers();
  }

  /**
   * DELIVERs answered E_OK as duplicates of an already accepted SERIAL, all accounts, since start.
   */
  public long duplicateCount() {
    return server.context().metrics().duplicates();
  }

  /** Reports of the account not yet acknowledged (due or not). */
  public long pendingReports(String accountId) {
    return server.context().store().pending(accountId);
  }

  /** Gateway-wide counters, as {@code GET /counters} shows them. */
  public GatewayCounters counters() {
    return server.counters();
  }

  /** Prometheus text exposition of the gateway's meters. */
  public String scrapeMetrics() {
    return server.prometheus();
  }

  /**
   * Builds a gateway. Defaults: listeners on 127.0.0.1 with ephemeral ports, no admin API, no data
   * directory (in memory), system UTC clock, and the spec's timings; each is a {@code DEFAULT_*}
   * constant of {@link NgsGateway}. Not thread-safe; {@link #build()} copies the settings into an
   * immutable snapshot, so changing the builder afterwards does not change a built gateway.
   */
  public static final class Builder {
    private final List<Account> accounts = new ArrayList<>();
    private String host = DEFAULT_HOST;
    private @Nullable String advertisedHost;
    private int certPort;
    private int deliverPort;
    private int reportPort;
    private String adminHost = DEFAULT_ADMIN_HOST;
    private int adminPort = DEFAULT_ADMIN_PORT;
    private HttpLimits adminHttpLimits = DEFAULT_ADMIN_HTTP_LIMITS;
    private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
    private Duration certInterval = DEFAULT_CERT_INTERVAL;
    private Duration bindWindow = DEFAULT_BIND_WINDOW;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int lockThreshold = DEFAULT_LOCK_THRESHOLD;
    private Duration lockWindow = DEFAULT_LOCK_WINDOW;
    private Duration lockDuration = DEFAULT_LOCK_DURATION;
    private Duration reportDelay = DEFAULT_REPORT_DELAY;
    private Duration dedupWindow = DEFAULT_DEDUP_WINDOW;
    private int reportWindow = DEFAULT_REPORT_WINDOW;
    private Duration reportPollInterval = DEFAULT_REPORT_POLL_INTERVAL;
    private double randomFailureRate;
    private long randomSeed = DEFAULT_RANDOM_SEED;
    private @Nullable Path dataDir;
    private Clock clock = Clock.systemUTC();
    private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int maxBodyLength = PacketCodec.DEFAULT_MAX_BODY_LENGTH;
    private int recordDelivers;
    private int storeCacheMb = StoreOptions.DEFAULT_CACHE_MB;
    private int storeWriteBufferMb = StoreOptions.DEFAULT_WRITE_BUFFER_MB;
    private boolean fsync;
    private boolean carrierLog;

    private Builder() {}

    public Builder account(Account a) {
      accounts.add(Objects.requireNonNull(a, "account"));
      return this;
    }

    public Builder accounts(List<Account> list) {
      list.forEach(this::account);
      return this;
    }

    /** Address the listeners bind to; default {@code 127.0.0.1}. */
    public Builder host(String v) {
      this.host = Objects.requireNonNull(v);
      return this;
    }

    /**
     * SERVER_IP in CERT_ACK; default: the bind host ({@code 127.0.0.1} when bound to {@code
     * 0.0.0.0}).
     */
    public Builder advertisedHost(@Nullable String v) {
      this.advertisedHost = v;
      return this;
    }

    /** 0 (default) picks a free port. */
    public Builder certPort(int v) {
      this.certPort = port(v);
      return this;
    }

    public Builder deliverPort(int v) {
      this.deliverPort = port(v);
      return this;
    }

    public Builder reportPort(int v) {
      this.reportPort = port(v);
      return this;
    }

    /** Enables the admin API on this port (0 = free port); -1 (default) disables it. */
    public Builder adminPort(int v) {
      if (v < -1 || v > 65535) {
        throw new IllegalArgumentException("admin port " + v);
      }
      this.adminPort = v;
      return this;
    }

    /** Default {@code 127.0.0.1}. */
    public Builder adminHost(String v) {
      this.adminHost = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Deadlines and bounds of the admin port's HTTP listener; default {@link
     * #DEFAULT_ADMIN_HTTP_LIMITS}.
     */
    public Builder adminHttpLimits(HttpLimits v) {
      this.adminHttpLimits = Objects.requireNonNull(v, "adminHttpLimits");
      return this;
    }

    /** The admin port's HTTP limits as set so far (the config reader changes one at a time). */
    public HttpLimits adminHttpLimits() {
      return adminHttpLimits;
    }

    /** CERT/BIND must arrive within this of connecting; default 1 s (section 2.1). */
    public Builder loginTimeout(Duration v) {
      this.loginTimeout = positive(v, "loginTimeout");
      return this;
    }

    /** At most one successful CERT per account per interval; default 3 s (section 4.1). */
    public Builder certInterval(Duration v) {
      this.certInterval = nonNegative(v, "certInterval");
      return this;
    }

    /** BIND must use a CERT_KEY at most this old; default 5 s. */
    public Builder bindWindow(Duration v) {
      this.bindWindow = positive(v, "bindWindow");
      return this;
    }

    /** A bound session with no packet received for this long is closed; default 90 s. */
    public Builder idleTimeout(Duration v) {
      this.idleTimeout = positive(v, "idleTimeout");
      return this;
    }

    /**
     * More than {@code threshold} CERT attempts for an account within {@code window} lock it for
     * {@code duration}; defaults 20, 60 s, 10 min. A threshold of 0 disables locking.
     */
    public Builder lock(int threshold, Duration window, Duration duration) {
      if (threshold < 0) {
        throw new IllegalArgumentException("lock threshold " + threshold);
      }
      this.lockThreshold = threshold;
      this.lockWindow = positive(window, "lockWindow");
      this.lockDuration = positive(duration, "lockDuration");
      return this;
    }

    /** Delay from accepting a message to its REPORT; default 500 ms. */
    public Builder reportDelay(Duration v) {
      this.reportDelay = nonNegative(v, "reportDelay");
      return this;
    }

    /** A SERIAL repeated within this window is the same message; default 24 h. */
    public Builder dedupWindow(Duration v) {
      this.dedupWindow = nonNegative(v, "dedupWindow");
      return this;
    }

    /** REPORTs in flight (sent, not yet acknowledged) per report session; default 1000. */
    public Builder reportWindow(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("reportWindow " + v);
      }
      this.reportWindow = v;
      return this;
    }

    /** How often a report session looks for newly due reports; default 10 ms. */
    public Builder reportPollInterval(Duration v) {
      this.reportPollInterval = positive(v, "reportPollInterval");
      return this;
    }

    /** Share (0..1) of ordinary numbers failing with E_CARRIER_FAIL; default 0. */
    public Builder randomFailureRate(double rate, long seed) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("randomFailureRate must be in 0..1, not " + rate);
      }
      this.randomFailureRate = rate;
      this.randomSeed = seed;
      return this;
    }

    /**
     * Where pending reports, SERIALs and counters are kept; null (default): in a temporary
     * directory deleted when the gateway closes.
     */
    public Builder dataDir(@Nullable Path v) {
      this.dataDir = v;
      return this;
    }

    /**
     * The store's block cache, MB, off the Java heap (RocksDB's; the memtables are charged to it
     * too); default 32.
     */
    public Builder storeCacheMb(int v) {
      this.storeCacheMb = atLeastOne(v, "storeCacheMb");
      return this;
    }

    /** The store's memtables (all column families together), MB, off the Java heap; default 64. */
    public Builder storeWriteBufferMb(int v) {
      this.storeWriteBufferMb = atLeastOne(v, "storeWriteBufferMb");
      return this;
    }

    /**
     * Sync the store's write-ahead log before each DELIVER_ACK batch, so that acknowledged messages
     * also survive a power loss or an operating-system crash; default false (they survive a killed
     * gateway process, not a lost machine). Costs a disk sync per read batch.
     */
    public Builder fsync(boolean v) {
      this.fsync = v;
      return this;
    }

    /**
     * Time source of every rule (CERT interval, bind window, lock, dedup window, SENDTIME); default
     * UTC.
     */
    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    /** Event-loop threads; default the number of processors. */
    public Builder ioThreads(int v) {
      this.ioThreads = Math.max(1, v);
      return this;
    }

    /** Largest MsgLeng accepted; default the largest legal DELIVER. */
    public Builder maxBodyLength(int v) {
      this.maxBodyLength = Math.max(256, v);
      return this;
    }

    /**
     * Keeps up to {@code capacity} received DELIVERs for {@link NgsGateway#takeDeliver}; default 0
     * (off).
     */
    public Builder recordDelivers(int capacity) {
      this.recordDelivers = Math.max(0, capacity);
      return this;
    }

    /**
     * Appends every message accepted as new to {@code carrier.log} in the data directory (the
     * simulated carriers' record, read by {@code ngsign chaos}); default off. Needs {@link
     * #dataDir}.
     */
    public Builder carrierLog(boolean v) {
      this.carrierLog = v;
      return this;
    }

    public NgsGateway build() {
      if (carrierLog && dataDir == null) {
        throw new IllegalArgumentException("carrierLog needs a dataDir");
      }
      Map<String, Account> byId = new LinkedHashMap<>();
      for (Account a : accounts) {
        if (byId.put(a.id(), a) != null) {
          throw new IllegalArgumentException("account '" + a.id() + "' configured twice");
        }
      }
      String adv =
          advertisedHost != null
              ? advertisedHost
              : host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
      GatewaySettings s =
          new GatewaySettings(
              host,
              adv,
              certPort,
              deliverPort,
              reportPort,
              adminHost,
              adminPort,
              adminHttpLimits,
              loginTimeout,
              certInterval,
              bindWindow,
              idleTimeout,
              lockThreshold,
              lockWindow,
              lockDuration,
              reportDelay,
              dedupWindow,
              reportWindow,
              reportPollInterval,
              randomFailureRate,
              randomSeed,
              dataDir,
              clock,
              ioThreads,
              maxBodyLength,
              recordDelivers,
              new StoreOptions(dataDir, dedupWindow, fsync, storeCacheMb, storeWriteBufferMb, 0),
              carrierLog);
      return new NgsGateway(new GatewayServer(s, new ArrayList<>(byId.values())));
    }

    private static int port(int v) {
      if (v < 0 || v > 65535) {
        throw new IllegalArgumentException("port " + v + " outside 0..65535");
      }
      return v;
    }

    private static int atLeastOne(int v, String name) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, not " + v);
      }
      return v;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be >= 0");
      }
      return d;
    }
  }
}
