package dev.ngsign.ngs.gateway.internal;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayCounters;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.SessionInfo;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.admin.AccountView;
import dev.ngsign.ngs.gateway.internal.admin.AdminOperations;
import dev.ngsign.ngs.gateway.internal.admin.AdminServer;
import dev.ngsign.ngs.gateway.internal.cert.CertHandler;
import dev.ngsign.ngs.gateway.internal.deliver.DeliverHandler;
import dev.ngsign.ngs.gateway.internal.metrics.GatewayMetrics;
import dev.ngsign.ngs.gateway.internal.report.ReportPumpHandler;
import dev.ngsign.ngs.gateway.internal.report.ReportStore;
import dev.ngsign.ngs.gateway.internal.session.BindHandler;
import dev.ngsign.ngs.gateway.internal.session.Closer;
import dev.ngsign.ngs.gateway.internal.session.GatewaySession;
import dev.ngsign.ngs.gateway.internal.session.LoginTimeoutHandler;
import dev.ngsign.ngs.gateway.internal.session.PreBindLimiter;
import dev.ngsign.ngs.gateway.internal.session.SessionInstaller;
import dev.ngsign.ngs.gateway.internal.session.UnexpectedPacketHandler;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.PacketType;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the listeners, owns the event loops and the store, and carries out operator actions. */
public final class GatewayServer implements AdminOperations {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final GatewaySettings settings;
  private final List<Account> initialAccounts;
  private GatewayContext gw;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private final List<Channel> listeners = new ArrayList<>();
  private AdminServer admin;
  private GatewayPorts ports;

  /**
   * The SERIAL sweep: off the event loops, since dropping a column family waits for the store's
   * manifest.
   */
  private ScheduledExecutorService housekeeping;

  private volatile boolean closed;

  public GatewayServer(GatewaySettings settings, List<Account> accounts) {
    this.settings = settings;
    this.initialAccounts = List.copyOf(accounts);
  }

  /** Start and close only: never taken on an event loop. */
  private final ReentrantLock lifecycle = new ReentrantLock();

  public GatewayPorts start() {
    lifecycle.lock();
    try {
      return doStart();
    } finally {
      lifecycle.unlock();
    }
  }

  private GatewayPorts doStart() {
    if (closed) {
      throw new IllegalStateException(
          "gateway closed: build a new one (same data directory to keep its state)");
    }
    if (ports != null) {
      return ports;
    }
    ReportStore store = ReportStore.open(settings.store(), settings.clock().millis());
    GatewayMetrics metrics = new GatewayMetrics();
    gw = new GatewayContext(settings, store, metrics);
    initialAccounts.forEach(gw::putAccount);
    if (settings.recordDelivers() > 0) {
      gw.script().record(settings.recordDelivers());
    }
    store
        .quotas()
        .forEach(
            (id, q) -> { // written with the messages they count: exact after a crash too
              AccountState a = gw.account(id);
              if (a != null) {
                a.quota().restore(q.getKey(), q.getValue());
              }
            });
    metrics.gauge("ngs.reports.pending", store::pendingTotal);
    metrics.gauge(
        "ngs.store.log.bytes",
        store::diskBytes); // disk held by the store: grows with the dedup window
    metrics.gauge("ngs.sessions.bound", () -> gw.sessions().all().size());
    boss = nioGroup(1, "ngs-gw-accept");
    workers = nioGroup(settings.ioThreads(), "ngs-gw-io");
    try {
      // CERT connections are short and cheap: they run on the acceptor thread, so that the worker
      // loops are
      // handed out round-robin to deliver and report sessions only (otherwise a client's CERT,
      // BIND, CERT,
      // BIND ... lands every deliver session on the same loop)
      Channel cert =
          bind(
              boss,
              settings.certPort(),
              () ->
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.attr(UnexpectedPacketHandler.COUNTER)
                          .set(gw.metrics()::cert); // malformed and unexpected: ngs_cert_total
                      ch.pipeline()
                          .addLast(
                              "decoder",
                              new NgsFrameDecoder(
                                  PacketType.BIND.bodySize(), java.util.Set.of(PacketType.CERT)))
                          .addLast("encoder", new NgsPacketEncoder())
                          .addLast("login", new LoginTimeoutHandler(settings.loginTimeout()))
                          .addLast("cert", new CertHandler(gw))
                          .addLast("tail", UnexpectedPacketHandler.INSTANCE);
                    }
                  });
      Channel deliver =
          bind(
              workers,
              settings.deliverPort(),
              () ->
                  sessionInitializer(
                      SessionKind.DELIVER,
                      (p, s, before) -> p.addBefore(before, "deliver", new DeliverHandler(gw, s))));
      Channel report =
          bind(
              workers,
              settings.reportPort(),
              () ->
                  sessionInitializer(
                      SessionKind.REPORT,
                      (p, s, before) ->
                          p.addBefore(before, "reports", new ReportPumpHandler(gw, s))));
      gw.ports(port(deliver), port(report));
      int adminPort = -1;
      if (settings.adminPort() >= 0) {
        admin =
            new AdminServer(this, settings.adminHost(), settings.adminPort(), settings.adminHttp());
        adminPort = admin.port();
      }
      ports = new GatewayPorts(settings.host(), port(cert), port(deliver), port(report), adminPort);
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close();
      }
      listeners.forEach(ch -> ch.close().syncUninterruptibly());
      shutdownLoops();
      store.close();
      throw e;
    }
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("ngs-gw-housekeeping", true));
    long sweep = Math.max(1_000, Math.min(settings.dedupWindow().toMillis() / 10, 600_000));
    housekeeping.scheduleWithFixedDelay(this::sweepSerials, sweep, sweep, TimeUnit.MILLISECONDS);
    log.info("NGS gateway listening on {} ({})", settings.host(), ports.describe());
    return ports;
  }

  private ChannelInitializer<SocketChannel> sessionInitializer(
      SessionKind kind, SessionInstaller installer) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.attr(UnexpectedPacketHandler.COUNTER)
            .set(gw.metrics()::bind); // malformed and unexpected: ngs_bind_total
        ch.pipeline()
            .addLast("prebind", new PreBindLimiter(PreBindLimiter.DEFAULT_BUDGET))
            .addLast("decoder", new NgsFrameDecoder(settings.maxBodyLength()))
            .addLast("encoder", new NgsPacketEncoder())
            .addLast("login", new LoginTimeoutHandler(settings.loginTimeout()))
            .addLast("bind", new BindHandler(gw, kind, installer))
            .addLast("tail", UnexpectedPacketHandler.INSTANCE);
      }
    };
  }

  // NioEventLoopGroup: deprecated in Netty 4.2 but present in 4.1 and 4.2 alike, so the gateway
  // also runs as a
  // test fixture inside a Spring Boot 3 application on Netty 4.1 (MultiThreadIoEventLoopGroup
  // exists only from 4.2)
  @SuppressWarnings("deprecation")
  private static EventLoopGroup nioGroup(int threads, String name) {
    return new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
  }

  private Channel bind(EventLoopGroup children, int port, Supplier<ChannelHandler> init) {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, children)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(init.get());
    ChannelFuture f = b.bind(new InetSocketAddress(settings.host(), port)).syncUninterruptibly();
    listeners.add(f.channel());
    return f.channel();
  }

  private static int port(Channel ch) {
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }

  private void sweepSerials() {
    try {
      long n = gw.store().sweepSerials(gw.clock().millis());
      if (n > 0) {
        log.debug("forgot {} SERIALs older than the de-duplication window", n);
      }
    } catch (RuntimeException e) {
      log.warn("sweeping SERIALs failed", e);
    }
  }

  // ---- operator actions (admin API and the test-fixture methods) ----

  public GatewayContext context() {
    requireStarted();
    return gw;
  }

  @Override
  public GatewayPorts ports() {
    return ports;
  }

  @Override
  public Instant now() {
    requireStarted();
    return gw.now();
  }

  private void requireStarted() {
    if (gw == null) {
      throw new IllegalStateException("gateway not started");
    }
  }

  public AccountState account(String id) {
    requireStarted();
    AccountState a = gw.account(id);
    if (a == null) {
      throw new IllegalArgumentException("no account '" + id + "'");
    }
    return a;
  }

  /**
   * Changes an account's TPS live and tells its bound sessions with EVENT type 1. Returns sessions
   * told.
   */
  @Override
  public int setTps(String id, TpsLimits tps) {
    AccountState a = account(id);
    a.update(a.account().withTps(tps));
    int n = 0;
    for (GatewaySession s : gw.sessions().of(id, null)) {
      s.countOut();
      s.channel().writeAndFlush(Event.tpsChange(tps));
      n++;
    }
    log.info("TPS of {} set to {}", id, tps.toEventData());
    return n;
  }

  /** Closes the account's sessions (of {@code kind}, or both when null) with EVENT type 0. */
  @Override
  public int kick(String id, SessionKind kind, String reason) {
    account(id);
    int n = 0;
    for (GatewaySession s : gw.sessions().of(id, kind)) {
      Closer.closeWithEvent(
          s.channel(),
          ResultCode.E_KICKED,
          reason == null || reason.isBlank() ? "kicked by operator" : reason);
      n++;
    }
    log.info("kicked {} session(s) of {}", n, id);
    return n;
  }

  /** Lifts the connect lock; returns whether the account was locked. */
  @Override
  public boolean unlock(String id) {
    return account(id).connectGuard().unlock(gw.now());
  }

  @Override
  public List<SessionInfo> sessions() {
    requireStarted();
    return gw.sessions().all().stream().map(GatewaySession::info).toList();
  }

  @Override
  public List<AccountView> accounts() {
    requireStarted();
    Instant now = gw.now();
    List<AccountView> out = new ArrayList<>();
    for (AccountState a : gw.accounts()) {
      Account acc = a.account();
      Instant until = a.connectGuard().lockedUntil(now);
      out.add(
          new AccountView(
              acc.id(),
              new AccountView.Tps(acc.tps().sms(), acc.tps().mms(), acc.tps().kko()),
              acc.monthlyQuota(),
              a.quota().used(),
              acc.allowedAddresses(),
              acc.encryptionAllowed(),
              acc.encryptionRequired(),
              until != null,
              until,
              a.accepted(),
              a.refused(),
              a.duplicates(),
              gw.store().pending(acc.id()),
              gw.sessions().of(acc.id(), null).stream().map(s -> s.kind().code()).toList()));
    }
    return out;
  }

  @Override
  public boolean hasAccount(String id) {
    return context().account(id) != null;
  }

  @Override
  public GatewayCounters counters() {
    requireStarted();
    GatewayMetrics mx = gw.metrics();
    Map<String, Long> delivers = new LinkedHashMap<>();
    for (ResultCode rc : ResultCode.values()) {
      long c = mx.deliverCount(rc);
      if (c > 0) {
        delivers.put(rc.name(), c);
      }
    }
    Runtime rt = Runtime.getRuntime();
    // each heap pool as its last collection left it; a pool never collected yet (the old
    // generation, until
    // a full or mixed collection) reports nothing there, so its current use counts: an upper bound
    // of live data
    long live = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      java.lang.management.MemoryUsage after = pool.getCollectionUsage();
      if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
        live += after.getCommitted() == 0 ? pool.getUsage().getUsed() : after.getUsed();
      }
    }
    return new GatewayCounters(
        delivers,
        mx.duplicates(),
        mx.reportsSent(),
        mx.reportsAcked(),
        gw.store().pendingTotal(),
        gw.sessions().all().size(),
        rt.totalMemory() - rt.freeMemory(),
        rt.maxMemory(),
        live);
  }

  @Override
  public String prometheus() {
    requireStarted();
    return gw.metrics().scrape();
  }

  /**
   * Stops: listeners first, then every session gets EVENT type 0 (E_SHUTDOWN) and is closed, then
   * the store is committed and closed (pending reports are on disk).
   */
  public void close() {
    lifecycle.lock();
    try {
      doClose();
    } finally {
      lifecycle.unlock();
    }
  }

  private void doClose() {
    if (closed || gw == null) {
      closed = true;
      return;
    }
    closed = true;
    if (housekeeping != null) {
      housekeeping.shutdownNow();
      try {
        housekeeping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (admin != null) {
      admin.close();
    }
    listeners.forEach(ch -> ch.close().syncUninterruptibly());
    List<ChannelFuture> closing = new ArrayList<>();
    for (GatewaySession s : gw.sessions().all()) {
      Closer.closeWithEvent(s.channel(), ResultCode.E_SHUTDOWN, "gateway shutting down");
      closing.add(s.channel().closeFuture());
    }
    closing.forEach(f -> f.awaitUninterruptibly(2, TimeUnit.SECONDS));
    shutdownLoops();
    gw.store().close();
    if (gw.carrierLog() != null) {
      gw.carrierLog().close();
    }
    gw.metrics().close();
    log.info("NGS gateway stopped");
  }

  private void shutdownLoops() {
    if (workers != null) {
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
