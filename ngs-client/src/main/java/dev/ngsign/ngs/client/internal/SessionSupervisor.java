package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsTimeoutException;
import dev.ngsign.ngs.client.StateChange;
import dev.ngsign.ngs.client.StateListener;
import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the session pair bound (sections 1.2, 2.1): CERT on the cert server, then BIND DLV and BIND
 * REP on the ports its CERT_ACK names; on any drop (closed socket, ACK timeout, EVENT type 0,
 * decode error) closes both, fails the in-flight sends and reconnects through a fresh CERT after
 * the reconnect strategy's delay, never two CERTs closer than {@code certMinInterval}. All state
 * lives on the loop.
 */
final class SessionSupervisor {
  private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);

  /** How often a first start retries a refusal marked retryable (E_CERT_TOO_OFTEN, E_SHUTDOWN). */
  static final int START_RETRIES = 3;

  private final ClientConfig cfg;
  private final EventLoop loop;
  private final SendWindow window;
  private final ReportDispatcher reports;
  private final ClientMetrics metrics;
  private final LongSupplier ticker;
  private final CertPacer pacer;
  private final SessionStateTracker sessions;

  private volatile ConnectionState state = ConnectionState.NEW;
  private boolean isBound;
  private boolean isClosed;
  private int generation;
  private int failedAttempts;
  private int startRetries;
  private Channel certChannel;
  private Channel dlv;
  private Channel rep;
  private BindAck dlvAck;
  private BindAck repAck;
  private ScheduledFuture<?> reconnectTimer;

  /**
   * While start() is pending: fails the attempt (or the start) whose outcome did not come in time.
   */
  private ScheduledFuture<?> startWatchdog;

  private CompletableFuture<Void> startFuture;
  private volatile TpsLimits tps;

  SessionSupervisor(
      ClientConfig cfg,
      EventLoop loop,
      SendWindow window,
      ReportDispatcher reports,
      ClientMetrics metrics,
      LongSupplier ticker) {
    this(
        cfg,
        loop,
        window,
        reports,
        metrics,
        ticker,
        new SessionStateTracker(cfg.id(), cfg.clock(), java.util.List.of()));
  }

  SessionSupervisor(
      ClientConfig cfg,
      EventLoop loop,
      SendWindow window,
      ReportDispatcher reports,
      ClientMetrics metrics,
      LongSupplier ticker,
      SessionStateTracker sessions) {
    this.sessions = sessions;
    this.cfg = cfg;
    this.loop = loop;
    this.window = window;
    this.reports = reports;
    this.metrics = metrics;
    this.ticker = ticker;
    this.pacer = new CertPacer(cfg.certMinInterval().toNanos());
    window.onAckTimeout(reason -> drop(reason, new NgsTimeoutException(reason, true), true));
  }

  String id() {
    return cfg.id();
  }

  ConnectionState state() {
    return state;
  }

  TpsLimits tps() {
    return tps;
  }

  SessionStateTracker sessions() {
    return sessions;
  }

  /**
   * On the loop: the first connect. {@code future} always completes: bound, or failed with an
   * {@link dev.ngsign.ngs.client.NgsException} — at the latest {@link #attemptBudgetNanos} after
   * each attempt began, at most {@link #START_RETRIES} + 1 attempts, with the retry delays in
   * between.
   */
  void start(CompletableFuture<Void> future) {
    if (closed()) {
      // close() ran on the loop before this task (startAsync and close raced): nothing will ever
      // bind
      future.completeExceptionally(
          new dev.ngsign.ngs.client.NgsClosedException("client closed before start() ran"));
      return;
    }
    this.startFuture = future;
    sessions.connecting("start");
    transition(ConnectionState.CONNECTING, "start", null);
    attempt();
  }

  private boolean starting() {
    return startFuture != null && !startFuture.isDone();
  }

  /**
   * The longest one CERT + BIND attempt may take: connect and CERT_ACK, then connect and BIND_ACK
   * (both sessions in parallel), each bounded by connectTimeout and ackTimeout, plus a second of
   * slack.
   */
  long attemptBudgetNanos() {
    return 2 * (cfg.connectTimeout().toNanos() + cfg.ackTimeout().toNanos())
        + TimeUnit.SECONDS.toNanos(1);
  }

  /** While starting: (re)arms the watchdog for generation {@code gen}, {@code nanos} from now. */
  private void armStartWatchdog(int gen, long nanos) {
    if (!starting()) {
      return;
    }
    cancelStartWatchdog();
    startWatchdog =
        loop.schedule(() -> startWatchdogFired(gen, nanos), nanos, TimeUnit.NANOSECONDS);
  }

  private void cancelStartWatchdog() {
    if (startWatchdog != null) {
      startWatchdog.cancel(false);
      startWatchdog = null;
    }
  }

  private void startWatchdogFired(int gen, long nanos) {
    startWatchdog = null;
    if (!starting() || closed()) {
      return;
    }
    NgsTimeoutException timeout =
        new NgsTimeoutException(
            "start: CERT and BIND did not complete within "
                + TimeUnit.NANOSECONDS.toMillis(nanos)
                + " ms (connectTimeout + ackTimeout for CERT and again for BIND)",
            false);
    log.warn("[{}] {}", cfg.id(), timeout.getMessage());
    if (gen == generation) {
      attemptFailed(
          gen, timeout); // closes what is open; retries or fails the start like any failed attempt
    } else {
      failStart(timeout); // the attempt's outcome was lost and nothing else is pending
    }
  }

  /** Fails a pending start: closes what is open, nothing is scheduled any more. */
  private void failStart(Throwable cause) {
    generation++;
    closeChannels();
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
    }
    cancelStartWatchdog();
    Throwable typed = typed(cause);
    log.warn("[{}] start failed: {}", cfg.id(), typed.getMessage());
    startFuture.completeExceptionally(typed);
  }

  /**
   * The start fails with an {@link dev.ngsign.ngs.client.NgsException}, whatever the channel threw.
   */
  private static Throwable typed(Throwable cause) {
    if (cause instanceof dev.ngsign.ngs.client.NgsException) {
      return cause;
    }
    return new NgsConnectionException(String.valueOf(cause.getMessage()), cause);
  }

  private void attempt() {
    if (closed()) {
      return;
    }
    int gen = ++generation;
    sessions.attempt();
    long wait = pacer.waitNanos(ticker.getAsLong());
    armStartWatchdog(gen, wait + attemptBudgetNanos());
    if (wait > 0) {
      log.debug(
          "[{}] next CERT in {} ms (at most one per {})",
          cfg.id(),
          TimeUnit.NANOSECONDS.toMillis(wait),
          cfg.certMinInterval());
      reconnectTimer = loop.schedule(() -> cert(gen), wait, TimeUnit.NANOSECONDS);
    } else {
      cert(gen);
    }
  }

  private void cert(int gen) {
    if (gen != generation || closed()) {
      return;
    }
    int keyPos = cfg.keyPos() != null ? cfg.keyPos() : ThreadLocalRandom.current().nextInt(0, 33);
    Cert cert = new Cert(cfg.id(), cfg.password().pwdField(keyPos), NgsVersion.VERSION, keyPos);
    Promise<CertAck> certAck = loop.newPromise();
    pacer.record(ticker.getAsLong());
    log.debug("[{}] CERT to {} (KEYPOS {})", cfg.id(), cfg.certServerText(), keyPos);
    ChannelFuture cf =
        connect(cfg.certServer(), new CertHandler(cert, certAck, cfg.ackTimeout().toNanos()));
    certChannel = cf.channel();
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            certAck.tryFailure(
                new NgsConnectionException(
                    "cannot connect to cert server "
                        + cfg.certServerText()
                        + ": "
                        + f.cause().getMessage(),
                    f.cause()));
          }
        });
    certAck.addListener(
        (Future<CertAck> f) -> {
          // the server read our CERT before its CERT_ACK (or the failure) reached us: pace from
          // here, as the
          // server measures the interval on arrival and the connect time varies
          pacer.record(ticker.getAsLong());
          if (gen != generation) {
            return;
          }
          certChannel = null;
          if (f.isSuccess()) {
            sessions.certified();
            bind(gen, f.getNow(), keyPos);
          } else {
            attemptFailed(gen, f.cause());
          }
        });
  }

  private void bind(int gen, CertAck ack, int keyPos) {
    String pwd = cfg.password().pwdField(keyPos);
    SessionMode mode = cfg.encrypted() ? SessionMode.ENCRYPTED : SessionMode.PLAIN;
    NgsKey key = cfg.encrypted() ? cfg.password().key(keyPos) : null;
    dlvAck = null;
    repAck = null;
    Promise<BindAck> dp = loop.newPromise();
    Promise<BindAck> rp = loop.newPromise();
    Bind dbind =
        new Bind(
            cfg.id(), pwd, ack.certKey(), mode, SessionKind.DELIVER, NgsVersion.VERSION, keyPos);
    Bind rbind =
        new Bind(
            cfg.id(), pwd, ack.certKey(), mode, SessionKind.REPORT, NgsVersion.VERSION, keyPos);
    log.debug(
        "[{}] CERT_ACK: gateway {} DLV {} REP {}",
        cfg.id(),
        ack.serverIp(),
        ack.deliverPort(),
        ack.reportPort());
    ChannelFuture dcf =
        connect(
            InetSocketAddress.createUnresolved(ack.serverIp(), ack.deliverPort()),
            new BindHandler(
                dbind, key, dp, cfg.ackTimeout().toNanos(), sessionHandlers(SessionKind.DELIVER)));
    ChannelFuture rcf =
        connect(
            InetSocketAddress.createUnresolved(ack.serverIp(), ack.reportPort()),
            new BindHandler(
                rbind, key, rp, cfg.ackTimeout().toNanos(), sessionHandlers(SessionKind.REPORT)));
    dlv = dcf.channel();
    rep = rcf.channel();
    linkConnectFailure(dcf, dp, "deliver", ack.serverIp() + ":" + ack.deliverPort());
    linkConnectFailure(rcf, rp, "report", ack.serverIp() + ":" + ack.reportPort());
    dp.addListener((Future<BindAck> f) -> bindDone(gen, SessionKind.DELIVER, f));
    rp.addListener((Future<BindAck> f) -> bindDone(gen, SessionKind.REPORT, f));
  }

  private ChannelHandler[] sessionHandlers(SessionKind kind) {
    KeepaliveHandler keepalive =
        new KeepaliveHandler(
            cfg.linkInterval().toNanos(),
            cfg.ackTimeout().toNanos(),
            ticker,
            (ch, reason) -> onKeepaliveTimeout(ch, kind.code() + ": " + reason));
    return new ChannelHandler[] {keepalive, new SessionHandler(kind, this, window, reports)};
  }

  private static void linkConnectFailure(
      ChannelFuture cf, Promise<BindAck> p, String what, String where) {
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            p.tryFailure(
                new NgsConnectionException(
                    "cannot connect to the "
                        + what
                        + " port "
                        + where
                        + ": "
                        + f.cause().getMessage(),
                    f.cause()));
          }
        });
  }

  private void bindDone(int gen, SessionKind kind, Future<BindAck> f) {
    if (gen != generation) {
      return;
    }
    if (!f.isSuccess()) {
      attemptFailed(gen, kind, f.cause());
      return;
    }
    if (kind == SessionKind.DELIVER) {
      dlvAck = f.getNow();
    } else {
      repAck = f.getNow();
    }
    if (dlvAck != null && repAck != null) {
      bound();
    }
  }

  private void bound() {
    isBound = true;
    failedAttempts = 0;
    tps = dlvAck.tps();
    log.info(
        "[{}] bound ({}), TPS SMS {} MMS {} KKO {}",
        cfg.id(),
        cfg.encrypted() ? "encrypted" : "plain",
        tps.sms(),
        tps.mms(),
        tps.kko());
    sessions.bound();
    transition(ConnectionState.BOUND, "bound", null);
    cancelStartWatchdog();
    try {
      window.bound(dlv, tps);
    } finally {
      if (startFuture != null) {
        startFuture.complete(null);
      }
    }
  }

  private void attemptFailed(int gen, Throwable cause) {
    attemptFailed(gen, null, cause);
  }

  /** {@code kind}: the session whose BIND failed, or null for a failure of the pair (CERT). */
  private void attemptFailed(int gen, SessionKind kind, Throwable cause) {
    if (gen != generation || closed()) {
      return;
    }
    sessions.failed(kind, cause);
    if (starting()) {
      if (cause instanceof NgsAuthenticationException a
          && a.resultCode().retryable()
          && startRetries++ < START_RETRIES) {
        // E_CERT_TOO_OFTEN (another process of the account just sent a CERT) or E_SHUTDOWN: worth a
        // second try
        generation++;
        closeChannels();
        log.info("[{}] start: {}; trying again", cfg.id(), cause.getMessage());
        long delay = Math.max(cfg.certMinInterval().toNanos(), cfg.reconnect().delay(1).toNanos());
        int g = generation;
        armStartWatchdog(
            g, delay + attemptBudgetNanos()); // attempt() re-arms it when the retry begins
        reconnectTimer =
            loop.schedule(
                () -> {
                  if (g == generation) {
                    attempt();
                  }
                },
                delay,
                TimeUnit.NANOSECONDS);
        return;
      }
      failStart(cause);
      return;
    }
    generation++;
    closeChannels();
    log.warn("[{}] reconnect attempt failed: {}", cfg.id(), cause.getMessage());
    scheduleReconnect(cause.getMessage(), cause);
  }

  private void scheduleReconnect(String reason, Throwable cause) {
    failedAttempts++;
    long delay = cfg.reconnect().delay(failedAttempts).toNanos();
    transition(
        ConnectionState.RECONNECTING,
        "reconnect in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms after: " + reason,
        cause);
    int gen = generation;
    reconnectTimer =
        loop.schedule(
            () -> {
              if (gen == generation) {
                attempt();
              }
            },
            delay,
            TimeUnit.NANOSECONDS);
  }

  /** A session channel closed or failed. */
  void onChannelLost(Channel ch, String reason, Throwable cause) {
    if (ch != dlv && ch != rep) {
      return;
    }
    if (isBound) {
      drop(reason, cause != null ? cause : new NgsConnectionException(reason, null, true), false);
    } else if (!closed()) {
      attemptFailed(
          generation, kindOf(ch), cause != null ? cause : new NgsConnectionException(reason, null));
    }
  }

  private SessionKind kindOf(Channel ch) {
    return ch == dlv ? SessionKind.DELIVER : SessionKind.REPORT;
  }

  /** A session's LINK went unanswered. */
  void onKeepaliveTimeout(Channel ch, String reason) {
    if (ch != dlv && ch != rep) {
      return;
    }
    if (isBound) {
      drop(reason, new NgsTimeoutException(reason, true), true);
    } else if (!closed()) {
      attemptFailed(generation, kindOf(ch), new NgsTimeoutException(reason, false));
    }
  }

  void onEvent(Channel ch, Event e) {
    if (ch != dlv && ch != rep) {
      return;
    }
    if (e.eventType() == EventType.DISCONNECT) {
      log.warn("[{}] EVENT 0 from the gateway: {}", cfg.id(), e.data());
      if (!isBound) {
        // one session bound, the other not yet: the login failed now, do not wait for the socket to
        // close
        attemptFailed(generation, kindOf(ch), eventRefusal(kindOf(ch), e.data()));
        return;
      }
      drop(
          "EVENT 0: " + e.data(),
          new NgsConnectionException("gateway closed the session: " + e.data(), null, true),
          false);
    } else {
      TpsLimits next = e.tps().orElse(null);
      if (next == null) {
        log.warn("[{}] EVENT 1 with unreadable DATA {}: TPS unchanged", cfg.id(), e.data());
        return;
      }
      log.info(
          "[{}] EVENT 1: TPS now SMS {} MMS {} KKO {}",
          cfg.id(),
          next.sms(),
          next.mms(),
          next.kko());
      tps = next;
      window.updateTps(next);
    }
  }

  /**
   * EVENT 0 before the pair is bound, as a refusal with its code ({@code "1016 gateway shutting
   * down"}).
   */
  private static NgsConnectionException eventRefusal(SessionKind kind, String data) {
    String d = data == null ? "" : data.trim();
    int sp = d.indexOf(' ');
    String head = sp < 0 ? d : d.substring(0, sp);
    if (head.matches("\\d{1,4}")) {
      return new NgsAuthenticationException(
          "BIND " + kind.code() + " (EVENT 0)",
          Integer.parseInt(head),
          sp < 0 ? "" : d.substring(sp + 1));
    }
    return new NgsConnectionException(
        "gateway closed the " + kind.code() + " session during login: " + d, null);
  }

  /** Drops the bound pair and schedules a reconnect. */
  private void drop(String reason, Throwable cause, boolean timeout) {
    if (!isBound) {
      return;
    }
    isBound = false;
    generation++;
    log.warn("[{}] session lost: {}", cfg.id(), reason);
    metrics.reconnect();
    closeChannels();
    window.unbound(
        p ->
            timeout
                ? new NgsTimeoutException(
                    "SERIAL "
                        + p.serial()
                        + ": session dropped ("
                        + reason
                        + ") before its DELIVER_ACK",
                    true)
                : new NgsConnectionException(
                    "SERIAL "
                        + p.serial()
                        + ": session lost ("
                        + reason
                        + ") before its DELIVER_ACK",
                    cause,
                    true));
    sessions.dropped(reason);
    transition(ConnectionState.DISCONNECTED, reason, cause);
    if (!closed()) {
      scheduleReconnect(reason, cause);
    }
  }

  /** Close: no more reconnects; closes every channel. */
  void shutdown() {
    generation++;
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
    }
    cancelStartWatchdog();
    boolean wasBound = isBound;
    isBound = false;
    isClosed = true;
    if (startFuture != null && !startFuture.isDone()) {
      startFuture.completeExceptionally(
          new dev.ngsign.ngs.client.NgsClosedException("client closed during start()"));
    }
    sessions.closed();
    transition(ConnectionState.CLOSED, "closed", null);
    closeChannels();
    if (wasBound) {
      window.unbound(
          p ->
              new NgsConnectionException(
                  "SERIAL "
                      + p.serial()
                      + ": client closed (closeTimeout passed) before its DELIVER_ACK",
                  null,
                  true));
    }
  }

  void closing() {
    if (state != ConnectionState.CLOSED) {
      transition(ConnectionState.CLOSING, "close()", null);
    }
  }

  private boolean closed() {
    return isClosed;
  }

  private void closeChannels() {
    for (Channel c : new Channel[] {certChannel, dlv, rep}) {
      if (c != null) {
        c.close();
      }
    }
    certChannel = null;
    dlv = null;
    rep = null;
  }

  private ChannelFuture connect(InetSocketAddress address, ChannelHandler handler) {
    return new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, cfg.connectTimeout().toMillis()))
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("decoder", new NgsFrameDecoder());
                ch.pipeline().addLast("encoder", new NgsPacketEncoder());
                ch.pipeline().addLast("session", handler);
              }
            })
        .connect(address);
  }

  private void transition(ConnectionState next, String reason, Throwable cause) {
    ConnectionState prev = state;
    if (prev == next && next != ConnectionState.RECONNECTING) {
      return;
    }
    if (prev == ConnectionState.CLOSED) {
      return;
    }
    // CLOSING sticks until CLOSED: a bind or drop while draining is reported but the state stays
    // CLOSING
    ConnectionState shown =
        prev == ConnectionState.CLOSING && next != ConnectionState.CLOSED
            ? ConnectionState.CLOSING
            : next;
    if (shown == prev && shown != ConnectionState.RECONNECTING) {
      return;
    }
    state = shown;
    StateChange change = new StateChange(prev, shown, reason, cause, cfg.clock().instant());
    for (StateListener l : cfg.stateListeners()) {
      try {
        l.onStateChange(change);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // an Error too: thrown on through a bind listener it would lose the start's completion
        log.warn("[{}] state listener failed", cfg.id(), e);
      }
    }
  }
}
