package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.BarocertTransportException;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.ErrorCodes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Authenticated service calls: a cached session token from the Linkhub auth service (LINKHUB
 * signature), then GET with the bearer token, or POST with x-bc-date, x-bc-auth, x-bc-version and
 * x-bc-encryptionmode. One instance per client.
 */
public final class Calls {
  public static final String API_VERSION = "2.1";
  public static final String LH_VERSION = "2.0";
  public static final String SERVICE_ID = "BAROCERT";

  /** Scopes Barocert's SDK asks for on behalf of the Naver service. */
  public static final List<String> SCOPES = List.of("partner", "421", "422", "423", "424");

  private final String linkId;
  private final byte[] key;
  private final URI serviceUrl;
  private final URI authUrl;
  private final EncryptionMode mode;
  private final Clock clock;
  private final boolean useServerTime;
  private final String forwardedIp;
  private final Transport transport;
  private final TokenCache tokens;

  public Calls(
      String linkId,
      byte[] key,
      URI serviceUrl,
      URI authUrl,
      EncryptionMode mode,
      Clock clock,
      boolean useServerTime,
      String forwardedIp,
      Transport transport,
      Duration tokenRefreshMargin) {
    this.linkId = linkId;
    this.key = key;
    this.serviceUrl = serviceUrl;
    this.authUrl = authUrl;
    this.mode = mode;
    this.clock = clock;
    this.useServerTime = useServerTime;
    this.forwardedIp = forwardedIp;
    this.transport = transport;
    this.tokens = new TokenCache(clock, tokenRefreshMargin, this::fetchToken);
  }

  /** GET {serviceUrl}{path}; idempotent, so retried after transport failures. */
  public CompletableFuture<byte[]> get(String path) {
    return withToken(
        token -> {
          Map<String, String> h = new LinkedHashMap<>();
          h.put("Authorization", "Bearer " + token);
          h.put("x-bc-version", API_VERSION);
          return transport.exchange("GET", uri(serviceUrl, path), h, null, true);
        });
  }

  /** Signed POST {serviceUrl}{path}; never retried after a transport failure. */
  public CompletableFuture<byte[]> post(String path, byte[] body) {
    return withToken(
        token -> {
          String date = WireTime.BC_DATE.format(clock.instant());
          Map<String, String> h = new LinkedHashMap<>();
          h.put("Authorization", "Bearer " + token);
          h.put("Content-Type", "application/json; charset=utf8");
          h.put("x-bc-date", date);
          h.put("x-bc-version", API_VERSION);
          h.put("x-bc-auth", Hmac.bcAuth(key, body, date, path));
          h.put("x-bc-encryptionmode", mode.name());
          return transport.exchange("POST", uri(serviceUrl, path), h, body, false);
        });
  }

  /** A session token: the cached one while it is valid, else a new one from the auth service. */
  public CompletableFuture<Void> token() {
    return tokens.get().thenApply(t -> null);
  }

  /**
   * Runs the call with a cached token; when the service says the token is expired or unknown (it
   * rejected the call before doing anything), drops it and tries once more with a fresh one.
   */
  private CompletableFuture<byte[]> withToken(Function<String, CompletableFuture<byte[]>> call) {
    return tokens
        .get()
        .thenCompose(
            token ->
                call.apply(token)
                    .exceptionallyCompose(
                        e -> {
                          BarocertException be = Failures.unwrap(e);
                          if (be instanceof BarocertServiceException se
                              && (se.code() == ErrorCodes.TOKEN_EXPIRED
                                  || se.code() == ErrorCodes.TOKEN_INVALID)) {
                            tokens.invalidate(token);
                            return tokens.get().thenCompose(call);
                          }
                          return CompletableFuture.failedFuture(be);
                        }));
  }

  private CompletableFuture<TokenCache.Entry> fetchToken() {
    byte[] body = Json.write(new Wire.TokenRequest(null, SCOPES));
    String path = "/" + SERVICE_ID + "/Token";
    CompletableFuture<String> date =
        useServerTime
            ? transport
                .exchange("GET", uri(authUrl, "/Time"), Map.of(), null, true)
                .thenApply(b -> new String(b, StandardCharsets.UTF_8).trim().replace("\"", ""))
            : CompletableFuture.completedFuture(WireTime.LH_DATE.format(clock.instant()));
    return date.thenCompose(
            d -> {
              Map<String, String> h = new LinkedHashMap<>();
              h.put("x-lh-date", d);
              h.put("x-lh-version", LH_VERSION);
              if (forwardedIp != null) {
                h.put("x-lh-forwarded", forwardedIp);
              }
              String sig = Hmac.linkhubSignature(key, body, d, forwardedIp, LH_VERSION, path);
              h.put("Authorization", "LINKHUB " + linkId + " " + sig);
              h.put("Content-Type", "application/json; charset=utf8");
              return transport.exchange("POST", uri(authUrl, path), h, body, true);
            })
        .thenApply(
            bytes -> {
              Wire.SessionToken t = parse(bytes, Wire.SessionToken.class);
              Instant exp = WireTime.parseUtc(t.expiration());
              if (t.session_token() == null || exp == null) {
                throw new BarocertTransportException("auth service sent no usable token", null);
              }
              return new TokenCache.Entry(t.session_token(), exp);
            });
  }

  /** Parses a reply body, or fails with a transport exception naming the expected type. */
  public static <T> T parse(byte[] bytes, Class<T> type) {
    try {
      return Json.read(bytes, type);
    } catch (IOException e) {
      throw new BarocertTransportException("unparsable reply for " + type.getSimpleName(), e);
    }
  }

  private static URI uri(URI base, String path) {
    return URI.create(base.toString() + path);
  }
}
