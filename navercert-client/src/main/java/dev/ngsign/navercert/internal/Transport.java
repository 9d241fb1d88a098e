package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.BarocertTransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange over the JDK client: gzip accepted and decoded, error replies turned into
 * {@link BarocertException} with the service's code, and, for idempotent calls only, retries after
 * transport failures or 502/503/504. Logs method, path, status and time; never headers or bodies.
 */
public final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ngsign.navercert.http");

  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration retryBackoff;

  public Transport(
      HttpClient http, Duration requestTimeout, int maxRetries, Duration retryBackoff) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
  }

  /** A reply body, already gunzipped. */
  public record Reply(int status, byte[] body) {}

  /**
   * Sends and returns the 2xx body, or fails with a {@link BarocertException} (service error) or
   * {@link BarocertTransportException}.
   *
   * @param body null for GET
   * @param idempotent whether transport failures may be retried
   */
  public CompletableFuture<byte[]> exchange(
      String method, URI uri, Map<String, String> headers, byte[] body, boolean idempotent) {
    return attempt(method, uri, headers, body, idempotent ? maxRetries : 0, 0);
  }

  private CompletableFuture<byte[]> attempt(
      String method, URI uri, Map<String, String> headers, byte[] body, int retriesLeft, int n) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept-Encoding", "gzip");
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    long start = System.nanoTime();
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (resp, err) -> {
              long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
              if (err != null) {
                Throwable cause = err instanceof CompletionException ? err.getCause() : err;
                LOG.debug(
                    "{} {} failed after {} ms: {}", method, uri.getPath(), ms, cause.toString());
                if (retriesLeft > 0) {
                  return retryLater(method, uri, headers, body, retriesLeft, n);
                }
                String where = uri.getScheme() + "://" + uri.getAuthority();
                String what =
                    cause instanceof java.net.http.HttpTimeoutException
                        ? "no reply from " + where + " within " + requestTimeout.toMillis() + " ms"
                        : "cannot reach " + where + ": " + cause;
                return CompletableFuture.<byte[]>failedFuture(
                    new BarocertTransportException(what, cause));
              }
              LOG.debug("{} {} -> {} in {} ms", method, uri.getPath(), resp.statusCode(), ms);
              int status = resp.statusCode();
              if ((status == 502 || status == 503 || status == 504) && retriesLeft > 0) {
                return retryLater(method, uri, headers, body, retriesLeft, n);
              }
              try {
                byte[] bytes = decode(resp);
                if (status / 100 == 2) {
                  return CompletableFuture.completedFuture(bytes);
                }
                return CompletableFuture.<byte[]>failedFuture(errorOf(status, bytes, uri));
              } catch (IOException e) {
                return CompletableFuture.<byte[]>failedFuture(
                    new BarocertTransportException("unreadable reply (HTTP " + status + ")", e));
              }
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<byte[]> retryLater(
      String method, URI uri, Map<String, String> headers, byte[] body, int retriesLeft, int n) {
    long delay = retryBackoff.toMillis() * (1L << Math.min(n, 6));
    Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(() -> null, later)
        .thenCompose(x -> attempt(method, uri, headers, body, retriesLeft - 1, n + 1));
  }

  static byte[] decode(HttpResponse<byte[]> resp) throws IOException {
    byte[] raw = resp.body();
    String enc = resp.headers().firstValue("Content-Encoding").orElse("");
    if (!"gzip".equalsIgnoreCase(enc.trim()) || raw.length == 0) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    }
  }

  private static BarocertException errorOf(int status, byte[] body, URI uri) {
    try {
      Wire.Error e = Json.read(body, Wire.Error.class);
      if (e.code() != 0) {
        return new BarocertServiceException(
            e.code(),
            status,
            e.message() == null ? "HTTP " + status : e.message(),
            new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException ignored) {
      // not Barocert's error JSON: fall through
    }
    return new BarocertTransportException(
        "HTTP "
            + status
            + " from "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + " without Barocert's error body (a proxy or another server answered?)",
        null);
  }
}
