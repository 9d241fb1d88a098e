package dev.ngsign.navercert.server;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.Reply;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.server.internal.ApiError;
import dev.ngsign.navercert.server.internal.Auth;
import dev.ngsign.navercert.server.internal.Engine;
import dev.ngsign.navercert.server.internal.Front;
import dev.ngsign.navercert.server.internal.SimulatorCa;
import dev.ngsign.navercert.server.internal.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  private final Store store;
  private final SimulatorCa ca;
  private final Engine engine;
  private final List<Account> accounts;
  private final HttpListener http;
  private final String baseUrl;
  private final java.util.Set<String> generated;

  private NavercertServer(Builder b) throws IOException {
    if (b.dataDir != null) {
      Files.createDirectories(b.dataDir);
      this.store = Store.file(b.dataDir);
    } else {
      this.store = Store.memory();
    }
    try {
      List<Account> acc = new ArrayList<>(b.accounts);
      java.util.Set<String> made = new java.util.HashSet<>();
      if (acc.isEmpty()) {
        acc.addAll(store.accounts());
        made.addAll(store.generatedLinkIds());
      }
      if (acc.isEmpty()) {
        Account g = Account.generate();
        acc.add(g);
        made.add(g.linkId());
      }
      store.saveAccounts(acc, made);
      this.accounts = List.copyOf(acc);
      this.generated = java.util.Set.copyOf(made);
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
      Auth auth = new Auth(accounts, store, b.clock, b.tokenTtl, b.maxSkew);
      // the routes need the base URL (app-to-app marketUrl) before the port is known: late-bound
      java.util.concurrent.atomic.AtomicReference<Front> front =
          new java.util.concurrent.atomic.AtomicReference<>();
      this.http =
          new HttpListener(
              "navercert",
              b.bindAddress,
              b.port,
              b.limits,
              NavercertServer::listenerError,
              r -> front.get().apply(r));
      String host = b.bindAddress.contains(":") ? "[" + b.bindAddress + "]" : b.bindAddress;
      if ("0.0.0.0".equals(b.bindAddress)) {
        host = "127.0.0.1";
      }
      this.baseUrl = "http://" + host + ":" + http.port();
      this.engine = new Engine(store, ca, b.clock, baseUrl);
      front.set(new Front(auth, engine, ca));
    } catch (RuntimeException | IOException e) {
      store.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private NavercertServer start() {
    LOG.info("navercert simulator listening on {} ({} account(s))", baseUrl, accounts.size());
    return this;
  }

  /** The port bound. */
  public int port() {
    return http.port();
  }

  /** HTTP connections open now (diagnostics and tests). */
  int openConnections() {
    return http.openConnections();
  }

  /** http://host:port: the service URL and the auth URL at once. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The simulated Naver app page. */
  public String appUrl() {
    return baseUrl + "/app";
  }

  /**
   * True when this simulator generated the account's SecretKey (now or in an earlier run on the
   * same data dir). Only such a key may be shown to the operator; a key given to it is never
   * printed.
   */
  public boolean generatedSecret(Account account) {
    return generated.contains(account.linkId());
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
    http.close();
    store.close();
    LOG.info("navercert simulator on {} stopped", baseUrl);
  }

  @Override
  public String toString() {
    return "NavercertServer[" + baseUrl + ", accounts=" + accounts + "]";
  }

  /** Builder; everything has a default. */
  /** The listener's own errors in Barocert's error body: -45000009 malformed, -45000503 busy. */
  private static Reply listenerError(int status, String message) {
    long code = status == 400 ? -45000009L : -45000503L;
    String json = "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    return Reply.of(
        status,
        "application/json; charset=utf-8",
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static final class Builder {
    private int port = 0;
    private String bindAddress = "127.0.0.1";
    private final List<Account> accounts = new ArrayList<>();
    private Path dataDir;
    private Clock clock = Clock.systemUTC();
    private Duration tokenTtl = Duration.ofHours(1);
    private Duration maxSkew = Duration.ofMinutes(5);
    private HttpLimits limits = HttpLimits.DEFAULTS;

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

    /** Threads running requests (the store is blocking); default 16. */
    public Builder threads(int threads) {
      this.limits = limits.withWorkers(threads);
      return this;
    }

    /**
     * Timeouts and limits of the HTTP listener; default {@link HttpLimits#DEFAULTS}: request head
     * within 20 s of connecting (or of the previous reply), body within 30 s of the head, 512
     * connections, 2 MiB bodies, 16 workers, 1024 queued requests.
     */
    public Builder httpLimits(HttpLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
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
