package dev.ngsign.spring.boot.ngs;

import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.StateChange;
import dev.ngsign.ngs.client.StateListener;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import dev.ngsign.spring.boot.HealthReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NgsClient} bean of one configured account. It delegates to a client built from the
 * account's settings, is started by the application context (see {@link NgsClientsLifecycle}) and
 * closed with it, and remembers the last state change and start-up failure for the health
 * contributor.
 *
 * <p>With fail-fast off, a first login that fails because the gateway cannot be reached is retried
 * in the background with a fresh client after the reconnect delay; a refused login is not retried
 * (a wrong password retried would lock the account). Until a login succeeds, {@code send} fails
 * with an {@link NgsConnectionException} naming the reason.
 */
public final class ManagedNgsClient implements NgsClient {
  private static final Logger log = LoggerFactory.getLogger(ManagedNgsClient.class);

  private final String name;
  private final String certServer;
  private final boolean encrypted;
  private final boolean failFast;
  private final Function<StateListener, NgsClient> factory;
  private final ReconnectStrategy retryDelay;
  private final StateListener stateTracker = change -> this.lastChange = change;
  private volatile NgsClient delegate;
  private volatile StateChange lastChange;
  private volatile Throwable loginFailure;
  private volatile boolean retrying;
  private volatile boolean closed;

  /**
   * @param name the account's name in configuration ({@code default} for {@code ngsign.ngs.*})
   * @param factory builds a new, unstarted client that reports its state changes to the given
   *     listener
   */
  ManagedNgsClient(
      String name,
      String certServer,
      boolean encrypted,
      boolean failFast,
      Function<StateListener, NgsClient> factory,
      ReconnectStrategy retryDelay) {
    this.name = name;
    this.certServer = certServer;
    this.encrypted = encrypted;
    this.failFast = failFast;
    this.factory = factory;
    this.retryDelay = retryDelay;
    this.delegate = factory.apply(stateTracker);
  }

  /**
   * The account's name in configuration: {@code default}, or the {@code <name>} of {@code
   * ngsign.ngs.accounts.<name>}.
   */
  public String name() {
    return name;
  }

  /** Whether a failed first login fails the application's start-up. */
  public boolean failFast() {
    return failFast;
  }

  /**
   * Starts the client as the application context does: with fail-fast, the returned future fails
   * with the login's failure; without, it completes at once and a failed login shows in {@link
   * #health()}.
   */
  CompletableFuture<Void> startWithContext() {
    if (failFast) {
      return delegate
          .startAsync()
          .whenComplete((v, e) -> loginFailure = e == null ? null : unwrap(e));
    }
    attempt(delegate, 1);
    return CompletableFuture.completedFuture(null);
  }

  private void attempt(NgsClient client, int n) {
    client
        .startAsync()
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                loginFailure = null;
                retrying = false;
                return;
              }
              Throwable cause = unwrap(e);
              loginFailure = cause;
              if (closed || cause instanceof NgsAuthenticationException) {
                retrying = false;
                log.error(
                    "NGS account {}: login failed, not retried: {}", name, cause.getMessage());
                return;
              }
              retrying = true;
              long delay = retryDelay.delay(n).toMillis();
              log.warn(
                  "NGS account {}: login failed ({}); trying again in {} ms",
                  name,
                  cause.getMessage(),
                  delay);
              CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                  .execute(
                      () -> {
                        if (closed) {
                          return;
                        }
                        NgsClient next = factory.apply(stateTracker);
                        delegate = next;
                        if (closed) { // close() ran while the new client was built: it did not see
                          // it
                          next.close();
                          return;
                        }
                        attempt(next, n + 1);
                      });
            });
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** UP only while both sessions are bound; otherwise DOWN with the state and the reason. */
  public HealthReport health() {
    Map<String, Object> d = new LinkedHashMap<>();
    NgsClient c = delegate;
    ConnectionState state = state();
    d.put("account", c.accountId());
    d.put("certServer", certServer);
    d.put("encrypted", encrypted);
    d.put("state", state.name());
    StateChange change = lastChange;
    Throwable failure = loginFailure;
    if (state != ConnectionState.BOUND) {
      if (failure instanceof NgsAuthenticationException auth) {
        d.put(
            "reason",
            "login refused: "
                + auth.resultCode()
                + " ("
                + auth.code()
                + ")"
                + (auth.reason().isEmpty() ? "" : ": " + auth.reason()));
        d.put("code", auth.code());
      } else if (failure != null) {
        d.put("reason", "gateway unreachable: " + failure.getMessage());
      } else if (change != null && !change.reason().isEmpty()) {
        d.put("reason", change.reason());
      } else if (state == ConnectionState.NEW) {
        d.put("reason", "not started");
      }
      if (retrying) {
        d.put("retrying", true);
      }
    }
    if (change != null) {
      d.put("since", change.at().toString());
    }
    c.tpsLimits()
        .ifPresent(t -> d.put("tps", Map.of("sms", t.sms(), "mms", t.mms(), "kko", t.kko())));
    d.put("inFlight", c.inFlight());
    d.put("pending", c.pending());
    return new HealthReport(state == ConnectionState.BOUND, d);
  }

  /** What the info contributor shows of this account (never the password). */
  public Map<String, Object> info() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("account", delegate.accountId());
    d.put("certServer", certServer);
    d.put("encrypted", encrypted);
    d.put("failFast", failFast);
    return d;
  }

  /** When the last state change happened, if any. */
  public Optional<Instant> lastChange() {
    StateChange c = lastChange;
    return c == null ? Optional.empty() : Optional.of(c.at());
  }

  @Override
  public CompletableFuture<Void> startAsync() {
    return delegate.startAsync();
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public CompletableFuture<DeliverResult> send(NgsMessage message) {
    NgsConnectionException down = notLoggedIn();
    return down != null ? CompletableFuture.failedFuture(down) : delegate.send(message);
  }

  @Override
  public DeliverResult sendAndWait(NgsMessage message) {
    NgsConnectionException down = notLoggedIn();
    if (down != null) {
      throw down;
    }
    return delegate.sendAndWait(message);
  }

  /**
   * Without fail-fast, while no login has succeeded: the failure to report instead of "client
   * closed".
   */
  private NgsConnectionException notLoggedIn() {
    Throwable failure = loginFailure;
    if (!closed && failure != null && delegate.state() == ConnectionState.CLOSED) {
      return new NgsConnectionException(
          "NGS account " + name + " is not logged in: " + failure.getMessage(), failure);
    }
    return null;
  }

  @Override
  public CompletableFuture<NgsReport> awaitReport(String serial) {
    return delegate.awaitReport(serial);
  }

  @Override
  public String accountId() {
    return delegate.accountId();
  }

  @Override
  public ConnectionState state() {
    ConnectionState s = delegate.state();
    return retrying && !closed && s == ConnectionState.CLOSED ? ConnectionState.RECONNECTING : s;
  }

  /** The current client's sessions (a failed first start shows its refusal until the next try). */
  @Override
  public dev.ngsign.ngs.client.SessionStates sessionStates() {
    return delegate.sessionStates();
  }

  @Override
  public Optional<TpsLimits> tpsLimits() {
    return delegate.tpsLimits();
  }

  @Override
  public int inFlight() {
    return delegate.inFlight();
  }

  @Override
  public int pending() {
    return delegate.pending();
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    closed = true;
    return delegate.closeAsync();
  }

  @Override
  public void close() {
    closed = true;
    delegate.close();
  }

  @Override
  public String toString() {
    return "ManagedNgsClient["
        + name
        + ", account="
        + delegate.accountId()
        + ", certServer="
        + certServer
        + "]";
  }
}
