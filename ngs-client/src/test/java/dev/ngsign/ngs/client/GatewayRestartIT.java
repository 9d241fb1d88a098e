package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A gateway killed and restarted: the client keeps asking the reconnect strategy for its first
 * delay while the cert server refuses connections (nothing reached the gateway, so nothing counts
 * toward the spec's lock for failed logins), and binds again once the gateway is back. Logins the
 * gateway refuses still back off attempt by attempt.
 */
class GatewayRestartIT {
  private static final String ID = "restart01";

  /** Records the attempt numbers the client asks for; the delays are short test delays. */
  private static final class RecordingStrategy implements ReconnectStrategy {
    final List<Integer> attempts = new CopyOnWriteArrayList<>();

    @Override
    public Duration delay(int attempt) {
      attempts.add(attempt);
      return Duration.ofMillis(50);
    }
  }

  private static NgsGateway.Builder gateway(GatewayPorts ports, Account account) {
    NgsGateway.Builder b =
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(200))
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .account(account);
    if (ports != null) {
      b.certPort(ports.certPort()).deliverPort(ports.deliverPort()).reportPort(ports.reportPort());
    }
    return b;
  }

  private static NgsClient client(GatewayPorts ports, ReconnectStrategy strategy) {
    return NgsClient.builder()
        .certServer("127.0.0.1", ports.certPort())
        .account(ID, GatewayFixture.PASSWORD)
        .senderCode(GatewayFixture.SENDER_CODE)
        .certMinInterval(Duration.ofMillis(250))
        .reconnect(strategy)
        .build();
  }

  private static Sms sms(String serial) {
    return Sms.builder()
        .to("01020001234")
        .from(GatewayFixture.FROM)
        .text("hi")
        .serial(serial)
        .build();
  }

  @Test
  void aGatewayThatIsDownIsRetriedAtTheFirstDelayAndSendingResumesWhenItIsBack() {
    Account account = GatewayFixture.account(ID);
    NgsGateway first = gateway(null, account).build();
    GatewayPorts ports = first.start();
    RecordingStrategy strategy = new RecordingStrategy();
    try (NgsClient c = client(ports, strategy)) {
      c.start();
      assertThat(c.sendAndWait(sms("before-1")).resultCode()).isEqualTo(ResultCode.E_OK);

      first.close(); // the cert server now refuses connections
      await().atMost(Duration.ofSeconds(30)).until(() -> strategy.attempts.size() >= 6);
      assertThat(strategy.attempts).as("no attempt reached a gateway").containsOnly(1);
      assertThat(c.state()).isNotEqualTo(ConnectionState.BOUND);

      NgsGateway second = gateway(ports, account).build();
      try {
        second.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> c.state() == ConnectionState.BOUND);
        assertThat(c.sendAndWait(sms("after-1")).resultCode()).isEqualTo(ResultCode.E_OK);
      } finally {
        second.close();
      }
    }
  }

  @Test
  void loginsTheGatewayRefusesStillBackOffAttemptByAttempt() {
    Account account = GatewayFixture.account(ID);
    NgsGateway first = gateway(null, account).build();
    GatewayPorts ports = first.start();
    RecordingStrategy strategy = new RecordingStrategy();
    try (NgsClient c = client(ports, strategy)) {
      c.start();
      first.close();
      // back on the same ports, but the account's password was changed: every CERT is refused
      NgsGateway second = gateway(ports, Account.builder(ID, "another-Pw!9").build()).build();
      try {
        second.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> strategy.attempts.contains(3));
        // the refused attempts count 1, 2, 3 (refused connects before the restart, if any, stay 1)
        List<Integer> counted = strategy.attempts.stream().filter(a -> a > 1).toList();
        assertThat(counted).startsWith(2, 3);
      } finally {
        second.close();
      }
    }
  }
}
