package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.ClientConfig;
import dev.ngsign.ngs.client.internal.RealNgsClient;
import dev.ngsign.ngs.protocol.DurationFormat;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures an {@link NgsClient}. Only {@link #certServer} and {@link #account} are required;
 * every other setting has the default its Javadoc names, also published as a {@code DEFAULT_*}
 * constant. Not thread-safe; {@link #build()} may be called more than once and copies the settings
 * into an immutable snapshot, so changing the builder afterwards does not change a built client.
 * The password is hashed at once (SHA-256, section 5.1) and never kept, logged or shown.
 */
public final class NgsClientBuilder {
  /** DELIVERs that may wait for their DELIVER_ACK at once: {@value}. */
  public static final int DEFAULT_WINDOW = 64;

  /**
   * Sends that may be pending (queued, in flight, waiting to retry) before {@code send} blocks:
   * {@value}.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  /** How long {@code send} blocks for room in a full queue before it fails: 10 s. */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);

  /**
   * How long a send may take from {@code send()} to its DELIVER_ACK, retries and reconnects
   * included: 2 min.
   */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

  /** The spec's DELIVER_ACK/LINK_ACK timeout (section 2.2): 10 s. */
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);

  /** LINK after this long without a packet received (the spec requires it within 60 s): 30 s. */
  public static final Duration DEFAULT_LINK_INTERVAL = Duration.ofSeconds(30);

  /** TCP connect timeout: 5 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Spacing of CERTs (the gateway allows one per 3 s per account; this leaves a margin): 3.5 s. */
  public static final Duration DEFAULT_CERT_MIN_INTERVAL = Duration.ofMillis(3_500);

  /** How long {@code close()} waits for pending sends: 10 s. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** The TPS pacing window: one second plus a margin for the gateway's clock: 1,005 ms. */
  public static final Duration DEFAULT_TPS_WINDOW = Duration.ofMillis(1_005);

  /**
   * Default {@link #recentReports(int)}: reports remembered for {@code awaitReport} after they
   * arrived: {@value}.
   */
  public static final int DEFAULT_RECENT_REPORTS = 10_000;

  /** Acknowledged reports remembered to flag duplicates (about 120 bytes each): {@value}. */
  public static final int DEFAULT_DUPLICATE_MEMORY = 20_000;

  private InetSocketAddress certServer;
  private String id;
  private PasswordHash password;
  private boolean encrypted;
  private Integer keyPos;
  private String senderCode = "";
  private int window = DEFAULT_WINDOW;
  private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
  private Duration maxBlock = DEFAULT_MAX_BLOCK;
  private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
  private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
  private Duration linkInterval = DEFAULT_LINK_INTERVAL;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration certMinInterval = DEFAULT_CERT_MIN_INTERVAL;
  private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
  private Duration tpsWindow = DEFAULT_TPS_WINDOW;
  private ReconnectStrategy reconnect = ReconnectStrategy.defaultStrategy();
  private RetryPolicy retryPolicy = RetryPolicy.defaultPolicy();
  private ReportListener reportListener;
  private AsyncReportListener asyncReportListener;
  private Executor reportExecutor;
  private final List<StateListener> stateListeners = new ArrayList<>(2);
  private final List<SessionStateListener> sessionStateListeners = new ArrayList<>(2);
  private Object meterRegistry; // a MeterRegistry: Object, so the builder loads without Micrometer
  private Clock clock = Clock.systemUTC();
  private EventLoopGroup eventLoopGroup;
  private int duplicateMemory = DEFAULT_DUPLICATE_MEMORY;
  private int recentReports = DEFAULT_RECENT_REPORTS;
  private String accountName;

  NgsClientBuilder() {}

  /** The cert server (CERT); the gateway's address and ports come from its CERT_ACK. Required. */
  public NgsClientBuilder certServer(String host, int port) {
    return certServer(
        InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host"), port));
  }

  /** As {@link #certServer(String, int)}. */
  public NgsClientBuilder certServer(InetSocketAddress address) {
    this.certServer = Objects.requireNonNull(address, "address");
    return this;
  }

  /** The account ID (at most 20 characters) and its password. Required. */
  public NgsClientBuilder account(String id, String password) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(password, "password");
    if (id.isEmpty() || id.length() > 20) {
      throw new IllegalArgumentException(
          "account ID must be 1 to 20 characters, not " + id.length());
    }
    this.id = id;
    this.password = PasswordHash.of(password);
    return this;
  }

  /** Encrypted sessions (BIND TYPE {@code P}, AES-256 bodies, section 5.3). Default: plain. */
  public NgsClientBuilder encrypted(boolean encrypted) {
    this.encrypted = encrypted;
    return this;
  }

  /**
   * A fixed KEYPOS (0..64). Default: a new random one in 0..32 for every connection (so that the
   * key is always 32 full characters of the hash rather than NUL-padded).
   */
  public NgsClientBuilder keyPos(int keyPos) {
    if (keyPos < 0 || keyPos > 64) {
      throw new IllegalArgumentException("KEYPOS must be in 0..64, not " + keyPos);
    }
    this.keyPos = keyPos;
    return this;
  }

  /**
   * Default SENDER_CODE (9 digits) for messages that set none. Default: none (each message must set
   * it).
   */
  public NgsClientBuilder senderCode(String senderCode) {
    Objects.requireNonNull(senderCode, "senderCode");
    if (!senderCode.matches("[0-9]{9}")) {
      throw new IllegalArgumentException(
          "senderCode must be the 9-digit first-sender code, not '" + senderCode + "'");
    }
    this.senderCode = senderCode;
    return this;
  }

  /** How many DELIVERs may wait for their DELIVER_ACK at once. Default 64. */
  public NgsClientBuilder window(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1");
    }
    this.window = window;
    return this;
  }

  /**
   * How many sends may be pending (queued + in flight + waiting to retry) before {@code send}
   * blocks. Default 10,000.
   */
  public NgsClientBuilder queueCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1");
    }
    this.queueCapacity = capacity;
    return this;
  }

  /**
   * How long {@code send} blocks the caller while the queue is full before failing with {@link
   * NgsQueueFullException}. {@code Duration.ZERO}: never block. Default 10 s.
   */
  public NgsClientBuilder maxBlock(Duration maxBlock) {
    this.maxBlock = nonNegative(maxBlock, "maxBlock");
    return this;
  }

  /**
   * How long a message may wait, queued or between retries, before it fails with {@link
   * NgsTimeoutException} (e.g. while the client reconnects). Default 2 min.
   */
  public NgsClientBuilder deliveryTimeout(Duration timeout) {
    this.deliveryTimeout = positive(timeout, "deliveryTimeout");
    return this;
  }

  /**
   * How long to wait for any ACK (CERT_ACK, BIND_ACK, DELIVER_ACK, LINK_ACK). When it passes the
   * session pair is dropped and re-established (spec section 2.2). Default 10 s (the spec's value).
   */
  public NgsClientBuilder ackTimeout(Duration timeout) {
    this.ackTimeout = positive(timeout, "ackTimeout");
    return this;
  }

  /**
   * Send LINK after this long without receiving a packet. The spec requires it within 60 s; the
   * default is 30 s so that a LINK is never late.
   */
  public NgsClientBuilder linkInterval(Duration interval) {
    this.linkInterval = positive(interval, "linkInterval");
    return this;
  }

  /** TCP connect timeout. Default 5 s. */
  public NgsClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * The delay before each reconnect. Default {@link ReconnectStrategy#defaultStrategy()} (5 s +
   * jitter, growing to 60 s).
   */
  public NgsClientBuilder reconnect(ReconnectStrategy strategy) {
    this.reconnect = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /**
   * The least time between two CERTs of this client. The spec refuses a second CERT within 3 s; the
   * default, 3.5 s, leaves a margin. Lower it only against a test server.
   */
  public NgsClientBuilder certMinInterval(Duration interval) {
    this.certMinInterval = nonNegative(interval, "certMinInterval");
    return this;
  }

  /** How long {@code close()} waits for pending sends. Default 10 s. */
  public NgsClientBuilder closeTimeout(Duration timeout) {
    this.closeTimeout = nonNegative(timeout, "closeTimeout");
    return this;
  }

  /**
   * The window the TPS limits are enforced over: a class's next send waits until this long after
   * the DELIVER_ACK of the send {@code TPS} sends before it, so the gateway never sees more than
   * TPS in any window this long, whatever the network delay. Default 1,005 ms (one second plus a
   * margin for millisecond clocks). Never below 1 s. A limit of 99,999 (the field's largest value)
   * counts as unlimited.
   */
  public NgsClientBuilder tpsWindow(Duration window) {
    if (window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("tpsWindow must be at least 1 s, not " + window);
    }
    this.tpsWindow = window;
    return this;
  }

  /** Which refusals are retried and when. Default {@link RetryPolicy#defaultPolicy()}. */
  public NgsClientBuilder retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Receives the REPORTs. Default: none (reports are acknowledged at once and only reach {@link
   * NgsClient#awaitReport}).
   */
  public NgsClientBuilder reportListener(ReportListener listener) {
    this.reportListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Where the report listener runs. It must run tasks in submission order (one thread) if the
   * listener relies on order. Default: one thread per client, named {@code ngs-report-<id>}.
   */
  /**
   * Receives every REPORT and acknowledges it when the returned stage completes normally (never
   * when it completes exceptionally): for a group commit that would otherwise block a thread per
   * report. Instead of {@link #reportListener(ReportListener)}, not with it. See {@link
   * AsyncReportListener}.
   */
  public NgsClientBuilder asyncReportListener(AsyncReportListener listener) {
    this.asyncReportListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public NgsClientBuilder reportExecutor(Executor executor) {
    this.reportExecutor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Adds a listener for {@link ConnectionState} changes. */
  public NgsClientBuilder stateListener(StateListener listener) {
    this.stateListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Adds a listener for the {@link SessionState} of each session (bound, connecting, login refused
   * with its code, ...); {@link NgsClient#sessionStates()} reads the same at any time.
   */
  public NgsClientBuilder sessionStateListener(SessionStateListener listener) {
    this.sessionStateListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Where metrics go ({@code ngs.client.*}, tagged {@code account}). Default: none. */
  public NgsClientBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * The clock for timestamps and for the client's timers (TPS windows, keepalive, ACK and delivery
   * timeouts, CERT spacing). Default: system UTC, with the timers on the monotonic {@link
   * System#nanoTime}. For tests: a clock that a test moves by hand moves those timers, and holds
   * them still while it does not move.
   */
  public NgsClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Netty event loops to run on, shared with other clients; the caller shuts it down. It must be an
   * NIO group: {@code new NioEventLoopGroup(n)} (Netty 4.1 and 4.2) or, on 4.2 only, {@code new
   * MultiThreadIoEventLoopGroup(n, NioIoHandler.newFactory())}. Each client still keeps all of its
   * state on one loop of the group. Default: the client's own single-thread NIO loop.
   */
  public NgsClientBuilder eventLoopGroup(EventLoopGroup group) {
    this.eventLoopGroup = Objects.requireNonNull(group, "group");
    return this;
  }

  /**
   * How many acknowledged reports (SERIAL + GWSERIAL) are remembered to flag duplicates (about 120
   * bytes each). Default 20,000.
   */
  public NgsClientBuilder duplicateMemory(int reports) {
    if (reports < 0) {
      throw new IllegalArgumentException("duplicateMemory must not be negative");
    }
    this.duplicateMemory = reports;
    return this;
  }

  /**
   * How many of the latest reports are kept so that {@link NgsClient#awaitReport} called after a
   * report arrived still completes with it (about 400 bytes each). Default 10,000; 0 keeps none.
   * The SERIALs of as many reports again are remembered after that, so an {@code awaitReport} for
   * one of them fails at once instead of waiting.
   */
  public NgsClientBuilder recentReports(int reports) {
    if (reports < 0) {
      throw new IllegalArgumentException("recentReports must not be negative");
    }
    this.recentReports = reports;
    return this;
  }

  /**
   * Your name for the account (e.g. the agent's {@code accounts[].name}), shown beside the NGS id:
   * every meter carries both, as tags {@code account} (this name) and {@code ngs_id}. Default: the
   * NGS id.
   */
  public NgsClientBuilder accountName(String name) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("accountName must not be blank");
    }
    this.accountName = name;
    return this;
  }

  /**
   * Applies settings from configuration (e.g. a Spring {@code @ConfigurationProperties} map or a
   * {@code .properties} file), keys without a prefix: {@code cert-server} ({@code host:port}),
   * {@code id}, {@code password}, {@code encrypted}, {@code key-pos}, {@code sender-code}, {@code
   * window}, {@code queue-capacity}, {@code max-block}, {@code delivery-timeout}, {@code
   * ack-timeout}, {@code link-interval}, {@code connect-timeout}, {@code cert-min-interval}, {@code
   * close-timeout}, {@code duplicate-memory}, {@code recent-reports}, {@code account-name}.
   * Durations are read by {@link DurationFormat}: {@code 500ms}, {@code 10s}, {@code 2m}, {@code
   * 1d} or ISO-8601 ({@code PT10S}). Missing keys keep their defaults; unknown keys are refused, so
   * a typo does not pass silently.
   *
   * @throws IllegalArgumentException naming the key when a key is unknown or a value malformed (the
   *     password's value is never shown)
   */
  public NgsClientBuilder properties(java.util.Map<String, String> config) {
    String id = null;
    String password = null;
    for (var e : new java.util.TreeMap<>(config).entrySet()) {
      String k = e.getKey().trim();
      String v = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (k) {
          case "cert-server" -> {
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
              throw new IllegalArgumentException("must be host:port");
            }
            certServer(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
          }
          case "id" -> id = v;
          case "password" -> password = e.getValue();
          case "encrypted" -> encrypted(parseBoolean(v));
          case "key-pos" -> keyPos(Integer.parseInt(v));
          case "sender-code" -> senderCode(v);
          case "window" -> window(Integer.parseInt(v));
          case "queue-capacity" -> queueCapacity(Integer.parseInt(v));
          case "max-block" -> maxBlock(parseDuration(v));
          case "delivery-timeout" -> deliveryTimeout(parseDuration(v));
          case "ack-timeout" -> ackTimeout(parseDuration(v));
          case "link-interval" -> linkInterval(parseDuration(v));
          case "connect-timeout" -> connectTimeout(parseDuration(v));
          case "cert-min-interval" -> certMinInterval(parseDuration(v));
          case "close-timeout" -> closeTimeout(parseDuration(v));
          case "duplicate-memory" -> duplicateMemory(Integer.parseInt(v));
          case "recent-reports" -> recentReports(Integer.parseInt(v));
          case "account-name" -> accountName(v);
          default -> throw new IllegalArgumentException("unknown setting");
        }
      } catch (RuntimeException ex) {
        String shown = k.equals("password") ? "(hidden)" : "'" + v + "'";
        throw new IllegalArgumentException(
            "NGS client setting " + k + "=" + shown + ": " + ex.getMessage(), ex);
      }
    }
    if (id != null || password != null) {
      if (id == null || password == null) {
        throw new IllegalArgumentException("NGS client settings: give both id and password");
      }
      account(id, password);
    }
    return this;
  }

  private static boolean parseBoolean(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("must be true or false");
  }

  /** The project's one duration grammar, {@link DurationFormat}. */
  static Duration parseDuration(String v) {
    return DurationFormat.parse(v);
  }

  /**
   * Builds the client (not started).
   *
   * @throws IllegalStateException when {@link #certServer} or {@link #account} is missing
   */
  public NgsClient build() {
    if (certServer == null) {
      throw new IllegalStateException("certServer(host, port) is required");
    }
    if (id == null) {
      throw new IllegalStateException("account(id, password) is required");
    }
    if (reportListener != null && asyncReportListener != null) {
      throw new IllegalStateException(
          "set reportListener(..) or asyncReportListener(..), not both");
    }
    return new RealNgsClient(
        new ClientConfig(
            certServer,
            id,
            password,
            encrypted,
            keyPos,
            senderCode,
            window,
            queueCapacity,
            maxBlock,
            deliveryTimeout,
            ackTimeout,
            linkInterval,
            connectTimeout,
            certMinInterval,
            closeTimeout,
            tpsWindow,
            reconnect,
            retryPolicy,
            reportListener,
            reportExecutor,
            List.copyOf(stateListeners),
            meterRegistry,
            clock,
            eventLoopGroup,
            duplicateMemory,
            asyncReportListener,
            recentReports,
            accountName == null ? id : accountName),
        List.copyOf(sessionStateListeners));
  }

  private static Duration positive(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + d);
    }
    return d;
  }

  private static Duration nonNegative(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, not " + d);
    }
    return d;
  }
}
