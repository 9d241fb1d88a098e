package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The session state a client shows, against the project's gateway: a refused login with its code, a
 * locked account, an unreachable cert server, a gateway stopped and started again.
 */
class SessionStateIT {

  /** A gateway with a generous login timeout: a loaded machine must not make the refusal a 1012. */
  private static NgsGateway.Builder gateway() {
    return NgsGateway.builder()
        .certInterval(Duration.ofMillis(200))
        .loginTimeout(Duration.ofSeconds(30))
        .reportDelay(Duration.ZERO)
        .ioThreads(1);
  }

  private static List<SessionStatus> statuses(List<SessionState> seen, SessionKind kind) {
    return seen.stream().filter(s -> s.kind() == kind).map(SessionState::status).toList();
  }

  @Test
  void aWrongPasswordShowsLoginRefusedWithTheCode() {
    List<SessionState> seen = new CopyOnWriteArrayList<>();
    try (GatewayFixture gw = new GatewayFixture(gateway(), GatewayFixture.account("refused"));
        NgsClient c =
            gw.client("refused")
                .account("refused", "not-the-password")
                .sessionStateListener(seen::add)
                .build()) {
      assertThat(c.sessionStates().deliver().status()).isEqualTo(SessionStatus.NEW);
      assertThatThrownBy(c::start).isInstanceOf(NgsAuthenticationException.class);
      SessionState refused =
          seen.stream()
              .filter(s -> s.status() == SessionStatus.LOGIN_REFUSED)
              .findFirst()
              .orElseThrow();
      assertThat(refused.code()).isEqualTo(ResultCode.E_AUTH_FAIL.code());
      assertThat(refused.resultCode()).isEqualTo(ResultCode.E_AUTH_FAIL);
      assertThat(refused.reason()).contains("E_AUTH_FAIL").doesNotContain("not-the-password");
      assertThat(statuses(seen, SessionKind.DELIVER))
          .containsExactly(
              SessionStatus.CONNECTING, SessionStatus.LOGIN_REFUSED, SessionStatus.CLOSED);
      assertThat(statuses(seen, SessionKind.REPORT))
          .containsExactly(
              SessionStatus.CONNECTING, SessionStatus.LOGIN_REFUSED, SessionStatus.CLOSED);
      // closed after the refusal: the code is kept for whoever looks later
      SessionStates after = c.sessionStates();
      assertThat(after.deliver().status()).isEqualTo(SessionStatus.CLOSED);
      assertThat(after.deliver().code()).isEqualTo(1001);
      assertThat(after.report().reason()).startsWith("closed after: ").contains("E_AUTH_FAIL");
    }
  }

  @Test
  void anUnknownIdShowsLoginRefused() {
    List<SessionState> seen = new CopyOnWriteArrayList<>();
    try (GatewayFixture gw = new GatewayFixture(gateway(), GatewayFixture.account("known"));
        NgsClient c = gw.client("nobody").sessionStateListener(seen::add).build()) {
      assertThatThrownBy(c::start).isInstanceOf(NgsAuthenticationException.class);
      assertThat(seen)
          .anySatisfy(
              s -> {
                assertThat(s.status()).isEqualTo(SessionStatus.LOGIN_REFUSED);
                assertThat(s.refusalCode()).hasValue(ResultCode.E_AUTH_FAIL.code());
              });
    }
  }

  @Test
  void aLockedAccountShowsLocked() {
    NgsGateway.Builder b = gateway().lock(2, Duration.ofMinutes(1), Duration.ofMinutes(10));
    try (GatewayFixture gw = new GatewayFixture(b, GatewayFixture.account("lockme"))) {
      for (int i = 0; i < 2; i++) {
        try (NgsClient wrong = gw.client("lockme").account("lockme", "wrong-" + i).build()) {
          assertThatThrownBy(wrong::start).isInstanceOf(NgsAuthenticationException.class);
        }
      }
      List<SessionState> seen = new CopyOnWriteArrayList<>();
      try (NgsClient right = gw.client("lockme").sessionStateListener(seen::add).build()) {
        assertThatThrownBy(right::start).isInstanceOf(NgsAuthenticationException.class);
        assertThat(seen)
            .anySatisfy(
                s -> {
                  assertThat(s.status()).isEqualTo(SessionStatus.LOCKED);
                  assertThat(s.code()).isEqualTo(ResultCode.E_ACCOUNT_LOCKED.code());
                });
      }
    }
  }

  @Test
  void noCertServerShowsCertServerUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connecting to it is refused
    }
    List<SessionState> seen = new CopyOnWriteArrayList<>();
    try (NgsClient c =
        NgsClient.builder()
            .certServer("127.0.0.1", port)
            .account("absent", GatewayFixture.PASSWORD)
            .sessionStateListener(seen::add)
            .build()) {
      assertThatThrownBy(c::start).isInstanceOf(NgsConnectionException.class);
      assertThat(seen)
          .anySatisfy(
              s -> {
                assertThat(s.status()).isEqualTo(SessionStatus.CERT_SERVER_UNREACHABLE);
                assertThat(s.code()).isNull();
                assertThat(s.reason()).contains("127.0.0.1:" + port);
              });
    }
  }

  @Test
  void aGatewayStoppedAndStartedAgainShowsConnectingThenBound() {
    List<SessionState> seen = new CopyOnWriteArrayList<>();
    GatewayFixture first = new GatewayFixture(gateway(), GatewayFixture.account("restart"));
    GatewayPorts ports = first.ports;
    GatewayFixture second = null;
    try (NgsClient c = first.client("restart").sessionStateListener(seen::add).build()) {
      c.start();
      assertThat(c.sessionStates().bound()).isTrue();
      SessionState boundAt = c.sessionStates().deliver();
      first.close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> c.sessionStates().deliver().status() == SessionStatus.CERT_SERVER_UNREACHABLE);
      assertThat(c.sessionStates().bound()).isFalse();
      assertThat(c.sessionStates().report().status())
          .isEqualTo(SessionStatus.CERT_SERVER_UNREACHABLE);
      second =
          new GatewayFixture(
              gateway()
                  .certPort(ports.certPort())
                  .deliverPort(ports.deliverPort())
                  .reportPort(ports.reportPort()),
              GatewayFixture.account("restart"));
      await().atMost(Duration.ofSeconds(15)).until(() -> c.sessionStates().bound());
      assertThat(c.sessionStates().deliver().since()).isAfterOrEqualTo(boundAt.since());
      // the drop showed as connecting first, then the failed reconnects, then bound again
      assertThat(statuses(seen, SessionKind.DELIVER))
          .containsSubsequence(
              SessionStatus.BOUND,
              SessionStatus.CONNECTING,
              SessionStatus.CERT_SERVER_UNREACHABLE,
              SessionStatus.BOUND);
      // a repeated failure is one state, not one per attempt
      assertThat(statuses(seen, SessionKind.DELIVER))
          .containsOnlyOnce(SessionStatus.CERT_SERVER_UNREACHABLE);
      assertThat(
              seen.stream()
                  .filter(
                      s ->
                          s.kind() == SessionKind.DELIVER && s.status() == SessionStatus.CONNECTING)
                  .skip(1)
                  .findFirst()
                  .orElseThrow()
                  .reason())
          .startsWith("session lost: ");
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }
}
