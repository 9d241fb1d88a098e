package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Calls;
import dev.ngsign.navercert.internal.Checks;
import dev.ngsign.navercert.internal.Failures;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Client of Barocert's Naver e-signature services — multi-sign, single sign and identity — or of
 * the ngsign simulator. One immutable, thread-safe instance per LinkID; build it once with {@link
 * #builder()} and share it.
 *
 * <p>Every operation returns a {@link Call}, run as {@link Call#execute()} (blocking), {@link
 * Call#future()} or {@link Call#enqueue} (the seed document's success and error callbacks); the
 * three come from one asynchronous implementation. Failures are a {@link BarocertException}: input
 * is validated before any network call ({@link BarocertValidationException}), network trouble is a
 * {@link BarocertTransportException}, the service's error reply a {@link BarocertServiceException}.
 * Session tokens are cached until shortly before they expire and refreshed once under concurrency.
 * Only status calls are retried after a transport failure: request and verify are not idempotent
 * (verify succeeds once).
 *
 * <pre>{@code
 * NavercertClient client = NavercertClient.builder().linkId("TESTER").secretKey(key).build();
 * Receipt receipt = client.requestMultiSign("023040000001", request).execute();
 * RequestStatus status = client.getMultiSignStatus("023040000001", receipt.receiptID()).execute();
 * VerifyResult result = client.verifyMultiSign("023040000001", receipt.receiptID()).execute();
 * Verdict verdict = signerCheck.check(SignerCheck.Expected.of(request), result);
 * }</pre>
 *
 * <p>The SecretKey and personal data never appear in logs, exception messages or {@code
 * toString()}.
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

  // ---------------------------------------------------------------- multi-sign

  /**
   * Asks the person to sign 1 to 50 documents (전자서명 복수). Not retried after a transport failure.
   *
   * @param clientCode 12 digits
   */
  public Call<Receipt> requestMultiSign(String clientCode, MultiSign request) {
    return request(Service.MULTI_SIGN, clientCode, request, () -> mapping.toWire(request));
  }

  /** The multi-sign request's progress; retried after transport failures (idempotent). */
  public Call<RequestStatus> getMultiSignStatus(String clientCode, String receiptId) {
    return status(Service.MULTI_SIGN, clientCode, receiptId);
  }

  /**
   * The signatures (one per document, in request order) and the person's data, decrypted. Succeeds
   * once per receipt, only when DONE and before expireDT; never retried. Then check them with
   * {@link SignerCheck}.
   */
  public Call<VerifyResult> verifyMultiSign(String clientCode, String receiptId) {
    return verify(Service.MULTI_SIGN, clientCode, receiptId);
  }

  // ---------------------------------------------------------------- single sign

  /** Asks the person to sign one document (전자서명 단건). Not retried after a transport failure. */
  public Call<Receipt> requestSign(String clientCode, Sign request) {
    return request(Service.SIGN, clientCode, request, () -> mapping.toWire(request));
  }

  /** The single-sign request's progress; retried after transport failures. */
  public Call<RequestStatus> getSignStatus(String clientCode, String receiptId) {
    return status(Service.SIGN, clientCode, receiptId);
  }

  /** The one signature and the person's data; once per receipt, never retried. */
  public Call<VerifyResult> verifySign(String clientCode, String receiptId) {
    return verify(Service.SIGN, clientCode, receiptId);
  }

  // ---------------------------------------------------------------- identity

  /** Asks the person to confirm their identity in the Naver app (본인인증). Not retried. */
  public Call<Receipt> requestIdentity(String clientCode, Identity request) {
    return request(Service.IDENTITY, clientCode, request, () -> mapping.toWire(request));
  }

  /** The identity request's progress; retried after transport failures. */
  public Call<RequestStatus> getIdentityStatus(String clientCode, String receiptId) {
    return status(Service.IDENTITY, clientCode, receiptId);
  }

  /** Who confirmed: the person's data and one signature over the receipt ID; once per receipt. */
  public Call<VerifyResult> verifyIdentity(String clientCode, String receiptId) {
    return verify(Service.IDENTITY, clientCode, receiptId);
  }

  // ---------------------------------------------------------------- polling

  /**
   * Polls the status every {@code every} until the request reaches a final state (DONE, EXPIRED,
   * REFUSED or FAILED) and completes with that status. The service expires a request at expireDT,
   * so polling ends by itself; cancel the future to stop earlier. Fails on the first error.
   *
   * @param every polling interval, at least 100 ms (Barocert asks partners not to hammer status)
   */
  public CompletableFuture<RequestStatus> pollUntilFinal(
      Service service, String clientCode, String receiptId, Duration every) {
    if (every == null || every.toMillis() < 100) {
      return CompletableFuture.failedFuture(
          new BarocertValidationException("the polling interval must be at least 100 ms"));
    }
    CompletableFuture<RequestStatus> result = new CompletableFuture<>();
    poll(service, clientCode, receiptId, every, result);
    return result;
  }

  private void poll(
      Service service,
      String clientCode,
      String receiptId,
      Duration every,
      CompletableFuture<RequestStatus> result) {
    if (result.isDone()) {
      return; // cancelled by the caller
    }
    status(service, clientCode, receiptId)
        .future()
        .whenComplete(
            (status, error) -> {
              if (error != null) {
                result.completeExceptionally(Failures.unwrap(error));
              } else if (status.state().isFinal()) {
                result.complete(status);
              } else {
                CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> poll(service, clientCode, receiptId, every, result));
              }
            });
  }

  /**
   * Checks that the auth service issues this LinkID a session token (the cached one while it is
   * still valid, else a new one), for a health check: a wrong LinkID or SecretKey fails with the
   * service's {@link BarocertServiceException}, an unreachable auth service with a {@link
   * BarocertTransportException}. Sends no request to the signing service.
   */
  public Call<Void> checkAuth() {
    return new Call<>(() -> calls.token().thenApply(t -> (Void) null));
  }

  // ---------------------------------------------------------------- the one core

  private <R> Call<Receipt> request(
      Service service, String clientCode, R request, Supplier<Object> wire) {
    return new Call<>(
        () -> {
          Checks.clientCode(clientCode);
          if (request == null) {
            throw new BarocertValidationException(
                "the " + service.segment() + " request is required");
          }
          byte[] body = Json.write(wire.get());
          return calls
              .post(path(service, clientCode), body)
              .thenApply(bytes -> Calls.parse(bytes, Wire.Receipt.class))
              .thenApply(Mapping::toReceipt);
        });
  }

  private Call<RequestStatus> status(Service service, String clientCode, String receiptId) {
    return new Call<>(
        () -> {
          Checks.clientCode(clientCode);
          Checks.receiptId(receiptId);
          return calls
              .get(path(service, clientCode) + "/" + receiptId)
              .thenApply(bytes -> Calls.parse(bytes, Wire.Status.class))
              .thenApply(Mapping::toStatus);
        });
  }

  private Call<VerifyResult> verify(Service service, String clientCode, String receiptId) {
    return new Call<>(
        () -> {
          Checks.clientCode(clientCode);
          Checks.receiptId(receiptId);
          // Barocert's SDKs send the JSON string "" as the verify body.
          byte[] body = "\"\"".getBytes(StandardCharsets.UTF_8);
          return calls
              .post(path(service, clientCode) + "/" + receiptId, body)
              .thenApply(bytes -> Calls.parse(bytes, Wire.Result.class))
              .thenApply(mapping::toResult);
        });
  }

  private static String path(Service service, String clientCode) {
    return "/NAVER/" + service.segment() + "/" + clientCode;
  }

  private static URI stripSlash(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
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
        throw new BarocertValidationException(
            "linkId is required: the LinkID Linkhub issued, without spaces");
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
        throw new BarocertValidationException(
            "secretKey must be the Base64 text Linkhub issued (44 characters ending in =)");
      }
      if (k.length != 32) {
        throw new BarocertValidationException(
            "secretKey must be Base64 of exactly 32 bytes (AES-256), was " + k.length + " bytes");
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
        throw new BarocertValidationException("maxRetries must be 0 or more, was " + n);
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

    /**
     * x-lh-forwarded (the end user's IP, or "*"), for LinkIDs with IP restriction; default none.
     */
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
        throw new BarocertValidationException(name + " must be a positive duration, was " + d);
      }
      return d;
    }
  }
}
