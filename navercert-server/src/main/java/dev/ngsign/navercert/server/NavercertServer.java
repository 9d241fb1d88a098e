package dev.ngsign.navercert.server;

import com.sun.net.httpserver.HttpServer;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.server.internal.ApiError;
import dev.ngsign.navercert.server.internal.Auth;
import dev.ngsign.navercert.server.internal.Engine;
import dev.ngsign.navercert.server.internal.Front;
import dev.ngsign.navercert.server.internal.SimulatorCa;
import dev.ngsign.navercert.server.internal.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Barocert-compatible Naver e-signature service on one port: the Linkhub auth service ({@code
 * POST /BAROCERT/Token}, {@code GET /Time}), the MultiSign, Sign and Identity APIs, the signer side
 * (operator JSON API and the {@code /app} page) and the simulator CA ({@code /ca.pem}). Point
 * Barocert's SDK or {@link dev.ngsign.navercert.NavercertClient} at {@link #baseUrl()} for both the
 * service and the auth URL.
 *
 * <p>State (accounts, tokens, CA, requests) lives in an embedded H2 database in the data dir and
 * survives a restart; without a data dir it is in memory. Not a production service: the operator
 * API has no authentication, so the default bind address is 127.0.0.1.
 */
public final class NavercertServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NavercertServer.class);

  static {
    // The JDK server writes headers and body separately; with Nagle on, a small reply waits for the
    // peer's delayed ACK (~40 ms per call on Linux). Read once by the JDK when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Store store;
  private final SimulatorCa ca;
  private final Engine engine;
  private final List<Account> accounts;
  private final HttpServer http;
  private final ExecutorService pool;
  private final String baseUrl;

  private NavercertServer(Builder b) throws IOException {
    if (b.dataDir != null) {
      Files.createDirectories(b.dataDir);
      this.store = Store.file(b.dataDir);
    } else {
      this.store = Store.memory();
    }
    try {
      List<Account> acc = new ArrayList<>(b.accounts);
      if (acc.isEmpty()) {
        acc.addAll(store.accounts());
      }
      if (acc.isEmpty()) {
        acc.add(Account.generate());
      }
      store.saveAccounts(acc);
      this.accounts = List.copyOf(acc);
      this.ca =
          store
              .ca()
              .map(kc -> SimulatorCa.load(kc[0], kc[1]))
              .orElseGet(
                  () -> {
                    SimulatorCa created = SimulatorCa.create(b.clock.instant());
                    store.saveCa(created.keyPkcs8(), created.certificateDer());
                    return created;
                  });
      if (b.dataDir != null) {
        Files.writeString(b.dataDir.resolve("ca.pem"), ca.certificatePem());
      }
      this.http = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 128);
      String host = b.bindAddress.contains(":") ? "[" + b.bindAddress + "]" : b.bindAddress;
      if ("0.0.0.0".equals(b.bindAddress)) {
        host = "127.0.0.1";
      }
      this.baseUrl = "http://" + host + ":" + http.getAddress().getPort();
      this.engine = new Engine(store, ca, b.clock, baseUrl);
      Auth auth = new Auth(accounts, store, b.clock, b.tokenTtl, b.maxSkew);
      AtomicInteger n = new AtomicInteger();
      ThreadFactory tf =
          r -> {
            Thread t = new Thread(r, "navercert-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      this.pool = Executors.newFixedThreadPool(b.threads, tf);
      http.setExecutor(pool);
      http.createContext("/", new Front(auth, engine, ca));
    } catch (RuntimeException | IOException e) {
      store.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private NavercertServer start() {
    http.start();
    LOG.info("navercert simulator listening on {} ({} account(s))", baseUrl, accounts.size());
    return this;
  }

  /** The port bound. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** http://host:port: the service URL and the auth URL at once. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The simulated Naver app page. */
  public String appUrl() {
    return baseUrl + "/app";
  }

  /** The accounts in use (given, restored from the data dir, or generated). */
  public List<Account> accounts() {
    return accounts;
  }

  /** The simulator CA's certificate: the trust anchor of every signature. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** The CA certificate, PEM. */
  public String caCertificatePem() {
    return ca.certificatePem();
  }

  /** Requests waiting for the person, oldest first. */
  public List<PendingRequest> pending() {
    return engine.list(true, 1000);
  }

  /**
   * One request as the signer sees it.
   *
   * @throws IllegalArgumentException for an unknown receipt ID
   */
  public PendingRequest request(String receiptId) {
    return act(() -> engine.get(receiptId));
  }

  /**
   * The person signs every document.
   *
   * @throws IllegalStateException when the request is not waiting (expired, refused, done)
   */
  public PendingRequest sign(String receiptId, SignerProfile profile) {
    Objects.requireNonNull(profile, "profile");
    return act(() -> engine.sign(receiptId, profile));
  }

  public PendingRequest sign(String receiptId) {
    return sign(receiptId, SignerProfile.DEFAULT);
  }

  /** The person refuses. */
  public PendingRequest refuse(String receiptId) {
    return act(() -> engine.finish(receiptId, SignState.REFUSED));
  }

  /** The provider fails the request (state 4). */
  public PendingRequest fail(String receiptId) {
    return act(() -> engine.finish(receiptId, SignState.FAILED));
  }

  private static PendingRequest act(java.util.function.Supplier<PendingRequest> s) {
    try {
      return s.get();
    } catch (ApiError e) {
      if (e.status() == 404) {
        throw new IllegalArgumentException(e.getMessage());
      }
      throw new IllegalStateException("[" + e.code() + "] " + e.getMessage());
    }
  }

  /** Stops the HTTP server and closes the store. */
  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    LOG.info("navercert simulator on {} stopped", baseUrl);
  }

  @Override
  public String toString() {
    return "NavercertServer[" + baseUrl + ", accounts=" + accounts + "]";
  }

  /** Builder; everything has a default. */
  public static final class Builder {
    private int port = 0;
    private String bindAddress = "127.0.0.1";
    private final List<Account> accounts = new ArrayList<>();
    private Path dataDir;
    private Clock clock = Clock.systemUTC();
    private Duration tokenTtl = Duration.ofHours(1);
    private Duration maxSkew = Duration.ofMinutes(5);
    private int threads = 16;

    private Builder() {}

    /** TCP port; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Default 127.0.0.1 (the operator API is unauthenticated). */
    public Builder bindAddress(String address) {
      this.bindAddress = Objects.requireNonNull(address);
      return this;
    }

    /** Adds a partner account; with none, the data dir's are used, else one is generated. */
    public Builder account(Account account) {
      this.accounts.add(Objects.requireNonNull(account));
      return this;
    }

    /** Directory of the H2 store and ca.pem; default none (in memory). */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** The simulator's clock (token expiry, date checks, request expiry). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Session token lifetime; default 1 hour. */
    public Builder tokenTtl(Duration ttl) {
      this.tokenTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /** Largest accepted difference between x-lh-date/x-bc-date and the clock; default 5 minutes. */
    public Builder maxSkew(Duration skew) {
      this.maxSkew = Objects.requireNonNull(skew);
      return this;
    }

    /** HTTP worker threads; default 16. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Builds and starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound or the data dir is unusable
     */
    public NavercertServer start() {
      try {
        return new NavercertServer(this).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
