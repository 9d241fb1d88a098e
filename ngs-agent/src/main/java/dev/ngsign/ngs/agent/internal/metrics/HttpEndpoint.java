package dev.ngsign.ngs.agent.internal.metrics;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.ListenerErrors;
import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The agent's HTTP port: {@code GET /metrics}, the Prometheus text format; {@code GET /health}, a
 * JSON summary, 200 when the database answers, 503 when not; every other path goes to the console
 * when it shares this port (else 404). Serves through the project's one listener ({@link
 * HttpListener}): a slow or idle client holds one connection until its deadline, never a worker, so
 * {@code /health} keeps answering the load balancer while such clients hang around.
 */
public final class HttpEndpoint implements AutoCloseable {
  /** A health answer: HTTP status and JSON body. */
  public record Health(boolean up, String json) {}

  /**
   * The agent's limits: short head/body deadlines (Prometheus and load balancers send a request at
   * once), small bodies (console forms), a few workers (a console page runs a few queries; /health
   * and /metrics never wait for the database).
   */
  public static final HttpLimits LIMITS =
      new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 256, 64 * 1024, 4, 256);

  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpListener listener;

  /**
   * Binds and starts serving.
   *
   * @param console answers every path but /metrics and /health, or null for 404
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  public HttpEndpoint(
      String bind,
      int port,
      HttpLimits limits,
      Supplier<String> metrics,
      Supplier<Health> health,
      @Nullable Function<Request, Reply> console) {
    this.listener =
        new HttpListener(
            "ngs-agent",
            bind,
            port,
            limits,
            ListenerErrors.PLAIN,
            r -> route(r, metrics, health, console));
  }

  private static Reply route(
      Request r,
      Supplier<String> metrics,
      Supplier<Health> health,
      @Nullable Function<Request, Reply> console) {
    switch (r.rawPath()) {
      case "/metrics" -> {
        return text(200, PROMETHEUS, metrics.get());
      }
      case "/health" -> {
        Health h = health.get();
        return text(h.up() ? 200 : 503, "application/json", h.json());
      }
      default -> {
        if (console != null) {
          return console.apply(r);
        }
        return text(404, "text/plain; charset=utf-8", "not found\n");
      }
    }
  }

  private static Reply text(int status, String type, String body) {
    return Reply.of(status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  public int port() {
    return listener.port();
  }

  /** Connections open now (tests and diagnostics). */
  public int openConnections() {
    return listener.openConnections();
  }

  @Override
  public void close() {
    listener.close();
  }
}
