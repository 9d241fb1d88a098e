package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.http.HttpListener;
import dev.ngsign.http.ListenerErrors;

/**
 * The admin port: the JSON API and the operator's page, served by the project's one HTTP listener
 * (head and body deadlines, a connection cap, a bounded worker pool), on its own event loop so that
 * neither a slow HTTP client nor a slow admin call ever holds a gateway session's loop.
 */
public final class AdminServer implements AutoCloseable {
  private final HttpListener listener;

  /**
   * Binds and starts serving.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  public AdminServer(AdminOperations gateway, String host, int port, HttpLimits limits) {
    this.listener =
        new HttpListener(
            "ngs-gw-admin",
            host,
            port,
            limits,
            ListenerErrors.PLAIN,
            new AdminRoutes(gateway, CrossSiteGuard.forBindAddress(host)));
  }

  /** The port bound. */
  public int port() {
    return listener.port();
  }

  /** Connections open now. */
  public int openConnections() {
    return listener.openConnections();
  }

  @Override
  public void close() {
    listener.close();
  }
}
