package dev.ngsign.cli.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.Throttler;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * NetCrusher TCP proxies between the agents and the gateway: one per gateway port, listening on the
 * same port number at {@code proxyHost} (the gateway advertises that host in CERT_ACK, so DELIVER
 * and REPORT connections go through the proxies too). Faults apply to all ports at once.
 */
final class FaultProxy implements AutoCloseable {
  /** Added to every chunk in both directions while a latency fault lasts; 0 otherwise. */
  private final AtomicLong latencyNanos = new AtomicLong();

  private final NioReactor reactor;
  private final List<TcpCrusher> crushers = new ArrayList<>();

  FaultProxy(String proxyHost, String gatewayHost, int... ports) throws IOException {
    reactor = new NioReactor();
    for (int port : ports) {
      crushers.add(
          TcpCrusherBuilder.builder()
              .withReactor(reactor)
              .withBindAddress(proxyHost, port)
              .withConnectAddress(gatewayHost, port)
              .withIncomingThrottlerFactory(addr -> new Latency())
              .withOutgoingThrottlerFactory(addr -> new Latency())
              .buildAndOpen());
    }
  }

  private final class Latency implements Throttler {
    @Override
    public long calculateDelayNs(ByteBuffer bb) {
      long d = latencyNanos.get();
      return d == 0 ? Throttler.NO_DELAY_NS : d;
    }
  }

  /** Closes every proxied connection on both sides at once; bytes in flight are lost. */
  void reset() {
    crushers.forEach(TcpCrusher::closeAllPairs);
  }

  /** Black-hole: nothing passes and no new connection is accepted until {@link #unfreeze()}. */
  void freeze() {
    crushers.forEach(TcpCrusher::freeze);
  }

  void unfreeze() {
    for (TcpCrusher c : crushers) {
      if (c.isFrozen()) {
        c.unfreeze();
      }
    }
  }

  void latency(long millis) {
    latencyNanos.set(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /**
   * Half-open: the connections open now stop passing bytes but stay open on both ends (as after a
   * peer's silent death); new connections work. Returns them, for {@link #close(Collection)} later.
   */
  List<InetSocketAddress> halfOpen() {
    List<InetSocketAddress> frozen = new ArrayList<>();
    for (TcpCrusher c : crushers) {
      for (InetSocketAddress a : c.getClientAddresses()) {
        var f = c.getClientFreezer(a);
        if (f != null) {
          f.freeze();
          frozen.add(a);
        }
      }
    }
    return frozen;
  }

  /** Closes the given proxied connections (the end of a half-open fault). */
  void close(Collection<InetSocketAddress> clients) {
    for (TcpCrusher c : crushers) {
      for (InetSocketAddress a : clients) {
        c.closeClient(a);
      }
    }
  }

  @Override
  public void close() {
    if (!reactor.isOpen()) {
      return;
    }
    for (TcpCrusher c : crushers) {
      if (c.isOpen()) {
        c.close();
      }
    }
    reactor.close();
  }
}
