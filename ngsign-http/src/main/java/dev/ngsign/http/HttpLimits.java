package dev.ngsign.http;

import java.time.Duration;

/**
 * What the listener tolerates from a client. A slow or idle client holds at most one of {@code
 * maxConnections} and loses it after {@code headerTimeout} or {@code bodyTimeout}; it never holds a
 * worker thread, because requests reach the workers only once they are complete.
 *
 * @param headerTimeout from a connection's opening, or from its previous reply, until the request
 *     head (request line and headers) is complete
 * @param bodyTimeout from the complete head until the last byte of the body
 * @param maxConnections open connections at once; more are answered 503 and closed
 * @param maxBody largest request body in bytes (413 beyond)
 * @param workers threads running the routes (the store is blocking)
 * @param queue complete requests waiting for a worker; more are answered 503
 */
public record HttpLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxBody,
    int workers,
    int queue) {

  public static final HttpLimits DEFAULTS =
      new HttpLimits(
          Duration.ofSeconds(20), Duration.ofSeconds(30), 512, 2 * 1024 * 1024, 16, 1024);

  public HttpLimits {
    positive(headerTimeout, "headerTimeout");
    positive(bodyTimeout, "bodyTimeout");
    if (maxConnections < 1 || maxBody < 1 || workers < 1 || queue < 1) {
      throw new IllegalArgumentException(
          "maxConnections, maxBody, workers and queue must be at least 1");
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  public HttpLimits withWorkers(int n) {
    return new HttpLimits(headerTimeout, bodyTimeout, maxConnections, maxBody, n, queue);
  }
}
