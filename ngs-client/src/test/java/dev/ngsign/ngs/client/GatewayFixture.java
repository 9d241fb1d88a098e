package dev.ngsign.ngs.client;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.time.Duration;

/**
 * Starts an in-process gateway on 127.0.0.1 with short timings, and builds clients pointed at it.
 */
final class GatewayFixture implements AutoCloseable {
  static final String PASSWORD = "s3cret-Pw!";
  static final String SENDER_CODE = "101280092";
  static final String FROM = "15880000";

  final NgsGateway gateway;
  final GatewayPorts ports;

  GatewayFixture(Account... accounts) {
    this(
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(200))
            .reportDelay(Duration.ZERO)
            .ioThreads(1),
        accounts);
  }

  GatewayFixture(NgsGateway.Builder builder, Account... accounts) {
    for (Account a : accounts) {
      builder.account(a);
    }
    gateway = builder.build();
    ports = gateway.start();
  }

  static Account account(String id) {
    return Account.builder(id, PASSWORD).build();
  }

  /** A client with test timings: fast reconnect, short CERT spacing. */
  NgsClientBuilder client(String id) {
    return NgsClient.builder()
        .certServer("127.0.0.1", ports.certPort())
        .account(id, PASSWORD)
        .senderCode(SENDER_CODE)
        .certMinInterval(Duration.ofMillis(250))
        .reconnect(
            ReconnectStrategy.exponential(Duration.ofMillis(100), Duration.ofMillis(400), 0.2));
  }

  @Override
  public void close() {
    gateway.close();
  }
}
