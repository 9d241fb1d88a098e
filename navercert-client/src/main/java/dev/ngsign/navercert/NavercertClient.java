package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Calls;
import dev.ngsign.navercert.internal.Checks;
import dev.ngsign.navercert.internal.Json;
import dev.ngsign.navercert.internal.Mapping;
import dev.ngsign.navercert.internal.Transport;
import dev.ngsign.navercert.internal.Wire;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Client of Barocert's Naver multi-document e-signature service (or of the ngsign simulator). One
 * immutable, thread-safe instance per LinkID; build it once with {@link #builder()} and share it.
 *
 * <p>Each operation comes in three forms: blocking (throws {@link BarocertException}), {@code
 * ...Async} (a {@link CompletableFuture} failing with a {@link BarocertException}), and the seed
 * document's callback form {@code (…, success, error)}. Input is validated before any network call
 * ({@link BarocertValidationException}). Session tokens are cached until shortly before they expire
 * and refreshed once under concurrency. Only the status call is retried after a transport failure:
 * request and verify are not idempotent (verify succeeds once).
 *
 * <p>The SecretKey and personal data never appear in logs, exception messages or {@code toString()}.
 */
public final class NavercertClient {
  /** Barocert's production service. */
  public static final URI DEFAULT_SERVICE_URL = URI.create("https://barocert.linkhub.co.kr");
  /** Linkhub's production auth service. */
  public static final URI DEFAULT_AUTH_URL = URI.create("https://auth.linkhub.co.kr");

  private final String linkId;
  private final URI serviceUrl;
  private final URI authUrl;
  private final EncryptionMode mode;
  private final Calls calls;
  private final Mapping mapping;

  private NavercertClient(Builder b) {
    this.linkId = b.linkId;
    this.serviceUrl = stripSlash(b.serviceUrl);
    this.authUrl = stripSlash(b.authUrl);
    this.mode = b.mode;
    HttpClient http = b.httpClient;
    if (http == null) {
      HttpClient.Builder hb =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(b.connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER);
      if (b.proxy != null) {
        hb.proxy(b.proxy);
      }
      if (b.executor != null) {
        hb.executor(b.executor);
      }
      http = hb.build();
    }
    Transport transport = new Transport(http, b.requestTimeout, b.maxRetries, b.retryBackoff);
    this.calls =
        new Calls(
            linkId,
            b.key,
            serviceUrl,
            authUrl,
            mode,
            b.clock,
            b.useServerTime,
            b.forwardedIp,
            transport,
            b.tokenRefreshMargin);
    this.mapping = new Mapping(mode, b.key);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The LinkID this client signs for. */
  public String linkId() {
    return linkId;
  }

  public URI serviceUrl() {
    return serviceUrl;
  }

  public URI authUrl() {
    return authUrl;
  }

  /**
   * Checks that the auth service issues this LinkID a session token (the cached one while it is still
   * valid, else a new one), for a health check: a wrong LinkID or SecretKey fails with the service's
   * {@link BarocertException}, an unreachable auth service with a {@link BarocertTransportException}.
   * Sends no request to the signing service.
   */
  public CompletableFuture<Void> checkAuthAsync() {
    return calls.token().exceptionallyCompose(e -> CompletableFuture.failedFuture(asBarocert(e)));
  }

  // ---------------------------------------------------------------- request

  /**
   * Asks the person to sign the documents.
   *
   * @param clientCode 12 digits
   * @throws BarocertValidationException for a bad client code (nothing sent)
   * @throws BarocertException the service's error
   */
  public MultiSignReceipt requestMultiSign(String clientCode, MultiSign request) {
    return await(requestMultiSignAsync(clientCode, request));
  }

  /** {@link #requestMultiSign(String, MultiSign)}, asynchronously. */
  public CompletableFuture<MultiSignReceipt> requestMultiSignAsync(
      String clientCode, MultiSign request) {
    try {
      Checks.clientCode(clientCode);
      Objects.requireNonNull(request, "request");
      byte[] body = Json.write(mapping.toWire(request));
      return calls
          .post("/NAVER/MultiSign/" + clientCode, body)
          .thenApply(bytes -> Calls.parse(bytes, Wire.Receipt.class))
          .thenApply(Mapping::toReceipt);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asBarocert(e));
    }
  }

  /** {@link #requestMultiSign(String, MultiSign)} with the seed's success and error callbacks. */
  public void requestMultiSign(
      String clientCode,
      MultiSign request,
      Consumer<? super MultiSignReceipt> success,
      Consumer<? super BarocertException> error) {
    callback(requestMultiSignAsync(clientCode, request), success, error);
  }

  // ---------------------------------------------------------------- status

  /**
   * The request's progress. Retried on transport failures (it is idempotent).
   *
   * @param clientCode 12 digits
   * @param receiptId 32 digits
   */
  public MultiSignStatus getMultiSignStatus(String clientCode, String receiptId) {
    return await(getMultiSignStatusAsync(clientCode, receiptId));
  }

  public CompletableFuture<MultiSignStatus> getMultiSignStatusAsync(
      String clientCode, String receiptId) {
    try {
      Checks.clientCode(clientCode);
      Checks.receiptId(receiptId);
      return calls
          .get("/NAVER/MultiSign/" + clientCode + "/" + receiptId)
          .thenApply(bytes -> Calls.parse(bytes, Wire.Status.class))
          .thenApply(Mapping::toStatus);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asBarocert(e));
    }
  }

  public void getMultiSignStatus(
      String clientCode,
      String receiptId,
      Consumer<? super MultiSignStatus> success,
      Consumer<? super BarocertException> error) {
    callback(getMultiSignStatusAsync(clientCode, receiptId), success, error);
  }

  /**
   * Polls the status every {@code every} until the request reaches a final state (DONE, EXPIRED,
   * REFUSED or FAILED) and completes with that status. The service expires a request at expireDT,
   * so polling ends by itself; cancel the future to stop earlier. Fails on the first error.
   *
   * @param every polling interval, at least 100 ms (Barocert asks partners not to hammer status)
   */
  public CompletableFuture<MultiSignStatus> pollUntilFinal(
      String clientCode, String receiptId, Duration every) {
    Objects.requireNonNull(every, "every");
    if (every.toMillis() < 100) {
      return CompletableFuture.failedFuture(
          new BarocertValidationException("polling interval must be at least 100 ms"));
    }
    CompletableFuture<MultiSignStatus> result = new CompletableFuture<>();
    poll(clientCode, receiptId, every, result);
    return result;
  }

  private void poll(
      String clientCode,
      String receiptId,
      Duration every,
      CompletableFuture<MultiSignStatus> result) {
    if (result.isDone()) {
      return; // cancelled by the caller
    }
    getMultiSignStatusAsync(clientCode, receiptId)
        .whenComplete(
            (status, error) -> {
              if (error != null) {
                result.completeExceptionally(asBarocert(error));
              } else if (status.state().isFinal()) {
                result.complete(status);
              } else {
                CompletableFuture.delayedExecutor(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> poll(clientCode, receiptId, every, result));
              }
            });
  }

  // ---------------------------------------------------------------- verify

  /**
   * Verifies a completed signature and returns the signed data with the person's data, decrypted.
   * Succeeds once per receipt, only when the state is DONE and before expireDT; never retried.
   *
   * @param clientCode 12 digits
   * @param receiptId 32 digits
   */
  public MultiSignResult verifyMultiSign(String clientCode, String receiptId) {
    return await(verifyMultiSignAsync(clientCode, receiptId));
  }

  public CompletableFuture<MultiSignResult> verifyMultiSignAsync(
      String clientCode, String receiptId) {
    try {
      Checks.clientCode(clientCode);
      Checks.receiptId(receiptId);
      // Barocert's SDKs send the JSON string "" as the verify body.
      byte[] body = "\"\"".getBytes(StandardCharsets.UTF_8);
      return calls
          .post("/NAVER/MultiSign/" + clientCode + "/" + receiptId, body)
          .thenApply(bytes -> Calls.parse(bytes, Wire.Result.class))
          .thenApply(mapping::toResult);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asBarocert(e));
    }
  }

  public void verifyMultiSign(
      String clientCode,
      String receiptId,
      Consumer<? super MultiSignResult> success,
      Consumer<? super BarocertException> error) {
    callback(verifyMultiSignAsync(clientCode, receiptId), success, error);
  }

  // ---------------------------------------------------------------- machinery

  private static URI stripSlash(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
  }

  static BarocertException asBarocert(Throwable e) {
    return Calls.asBarocert(e);
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException | CancellationException e) {
      throw asBarocert(e);
    }
  }

  private static <T> void callback(
      CompletableFuture<T> f,
      Consumer<? super T> success,
      Consumer<? super BarocertException> error) {
    Objects.requireNonNull(success, "success");
    Objects.requireNonNull(error, "error");
    f.whenComplete(
        (v, e) -> {
          if (e != null) {
            error.accept(asBarocert(e));
          } else {
            success.accept(v);
          }
        });
  }

  @Override
  public String toString() {
    return "NavercertClient[linkId="
        + linkId
        + ", serviceUrl="
        + serviceUrl
        + ", authUrl="
        + authUrl
        + ", mode="
        + mode
        + ", secretKey=<redacted>]";
  }

  /** Builder; {@link #linkId} and {@link #secretKey} are required. */
  public static final class Builder {
    private String linkId;
    private byte[] key;
    private URI serviceUrl = DEFAULT_SERVICE_URL;
    private URI authUrl = DEFAULT_AUTH_URL;
    private EncryptionMode mode = EncryptionMode.GCM;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(70);
    private ProxySelector proxy;
    private Executor executor;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Duration tokenRefreshMargin = Duration.ofMinutes(1);
    private int maxRetries = 2;
    private Duration retryBackoff = Duration.ofMillis(200);
    private boolean useServerTime;
    private String forwardedIp;

    private Builder() {}

    /** The LinkID issued by Linkhub. */
    public Builder linkId(String linkId) {
      if (linkId == null || linkId.isBlank() || linkId.contains(" ")) {
        throw new BarocertValidationException("linkId is required and may not contain spaces");
      }
      this.linkId = linkId;
      return this;
    }

    /** The SecretKey issued with the LinkID: Base64 of 32 bytes (AES-256 and HMAC key). */
    public Builder secretKey(String base64) {
      byte[] k;
      try {
        k = Base64.getDecoder().decode(Objects.requireNonNull(base64, "secretKey").trim());
      } catch (IllegalArgumentException e) {
        throw new BarocertValidationException("secretKey is not Base64");
      }
      if (k.length != 32) {
        throw new BarocertValidationException(
            "secretKey must decode to 32 bytes (AES-256), was " + k.length);
      }
      this.key = k;
      return this;
    }

    /** Service base URL; default {@link #DEFAULT_SERVICE_URL}. */
    public Builder serviceUrl(URI url) {
      this.serviceUrl = Objects.requireNonNull(url, "serviceUrl");
      return this;
    }

    public Builder serviceUrl(String url) {
      return serviceUrl(URI.create(url));
    }

    /** Auth service base URL; default {@link #DEFAULT_AUTH_URL}. */
    public Builder authUrl(URI url) {
      this.authUrl = Objects.requireNonNull(url, "authUrl");
      return this;
    }

    public Builder authUrl(String url) {
      return authUrl(URI.create(url));
    }

    /** Field encryption; default GCM. */
    public Builder encryptionMode(EncryptionMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** TCP connect timeout; default 10 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Whole-request timeout; default 70 s (as Barocert's SDK). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** HTTP proxy selection; default: direct. */
    public Builder proxy(ProxySelector selector) {
      this.proxy = selector;
      return this;
    }

    /** A fixed HTTP proxy. */
    public Builder proxy(String host, int port) {
      this.proxy = ProxySelector.of(new InetSocketAddress(host, port));
      return this;
    }

    /** Executor for the HTTP client's callbacks; default: the JDK client's own. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** A fully configured JDK client (overrides timeouts, proxy and executor). */
    public Builder httpClient(HttpClient client) {
      this.httpClient = client;
      return this;
    }

    /** Clock for x-lh-date, x-bc-date and token expiry; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Refresh a cached token this long before it expires; default 1 minute. */
    public Builder tokenRefreshMargin(Duration d) {
      this.tokenRefreshMargin = Objects.requireNonNull(d, "tokenRefreshMargin");
      return this;
    }

    /** Retries of idempotent calls (status, token) after transport failures; default 2. */
    public Builder maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0");
      }
      this.maxRetries = n;
      return this;
    }

    /** First retry delay, doubled each time; default 200 ms. */
    public Builder retryBackoff(Duration d) {
      this.retryBackoff = Objects.requireNonNull(d, "retryBackoff");
      return this;
    }

    /** Take x-lh-date from the auth service's /Time instead of the local clock; default false. */
    public Builder useServerTime(boolean yes) {
      this.useServerTime = yes;
      return this;
    }

    /** x-lh-forwarded (the end user's IP, or "*"), for LinkIDs with IP restriction; default none. */
    public Builder forwardedIp(String ip) {
      this.forwardedIp = ip;
      return this;
    }

    public NavercertClient build() {
      if (linkId == null) {
        throw new BarocertValidationException("linkId is required");
      }
      if (key == null) {
        throw new BarocertValidationException("secretKey is required");
      }
      return new NavercertClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
