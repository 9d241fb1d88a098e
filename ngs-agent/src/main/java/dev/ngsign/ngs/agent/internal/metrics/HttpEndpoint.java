package dev.ngsign.ngs.agent.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text format; {@code GET /health}: a JSON summary, 200 when
 * the database answers, 503 when not. Uses the JDK's HTTP server: no extra dependency next to a
 * production database.
 */
public final class HttpEndpoint implements AutoCloseable {
  /** A health answer: HTTP status and JSON body. */
  public record Health(boolean up, String json) {}

  private final HttpServer server;

  public HttpEndpoint(String bind, int port, Supplier<String> metrics, Supplier<Health> health)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ngs-agent-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/metrics",
        ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext(
        "/health",
        ex -> {
          Health h = health.get();
          answer(ex, h.up() ? 200 : 503, "application/json", h.json());
        });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
