package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The client (work in progress). */
public final class RealNgsClient implements NgsClient {
  private final ClientConfig config;

  public RealNgsClient(ClientConfig config) {
    this.config = config;
  }

  @Override public CompletableFuture<Void> startAsync() { throw new UnsupportedOperationException("not yet"); }
  @Override public void start() { throw new UnsupportedOperationException("not yet"); }
  @Override public CompletableFuture<DeliverResult> send(NgsMessage message) { throw new UnsupportedOperationException("not yet"); }
  @Override public DeliverResult sendAndWait(NgsMessage message) { throw new UnsupportedOperationException("not yet"); }
  @Override public CompletableFuture<NgsReport> awaitReport(String serial) { throw new UnsupportedOperationException("not yet"); }
  @Override public String accountId() { return config.id(); }
  @Override public ConnectionState state() { return ConnectionState.NEW; }
  @Override public Optional<TpsLimits> tpsLimits() { return Optional.empty(); }
  @Override public int inFlight() { return 0; }
  @Override public int pending() { return 0; }
  @Override public CompletableFuture<Void> closeAsync() { return CompletableFuture.completedFuture(null); }
  @Override public void close() {}
}
