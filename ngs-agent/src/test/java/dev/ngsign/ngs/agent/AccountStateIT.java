package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.testing.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent says about its accounts ({@link Agent#accounts()}, {@code /health}, {@link
 * Agent#ready()}) through a refused login and a gateway outage, against the project's gateway. The
 * grace is decided on the agent's clock, which the test moves.
 */
class AccountStateIT {
  private static final Duration GRACE = Duration.ofSeconds(30);

  private NgsGateway gateway;
  private GatewayPorts ports;
  private TestDb db;
  private Agent agent;
  private final MutableClock clock = MutableClock.startingNow();
  private final HttpClient http = HttpClient.newHttpClient();
  private int httpPort;

  @BeforeEach
  void setUp() throws Exception {
    gateway = gateway(NgsGateway.builder());
    ports = gateway.start();
    db = TestDb.create(Dialect.H2);
    try (ServerSocket s = new ServerSocket(0)) {
      httpPort = s.getLocalPort();
    }
  }

  private static NgsGateway gateway(NgsGateway.Builder b) {
    return b.account(Account.builder("testid", "secret").build())
        .certInterval(Duration.ZERO)
        .loginTimeout(Duration.ofSeconds(30)) // a loaded machine must not turn 1001 into 1012
        .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
        .ioThreads(1)
        .build();
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    gateway.close();
    db.close();
  }

  private Agent start(String password) {
    AgentConfig cfg =
        AgentConfig.defaults()
            .withNodeId("n1")
            .withDatabase(db.config("S_"))
            .withAccounts(
                List.of(
                    new AgentConfig.Account(
                        "main",
                        "127.0.0.1",
                        ports.certPort(),
                        "testid",
                        password,
                        null,
                        true,
                        null,
                        true,
                        0)))
            .withLease(new AgentConfig.Lease(Duration.ofSeconds(3), Duration.ofMillis(100)))
            .withHttp(new AgentConfig.Http(httpPort, "127.0.0.1"))
            .withHealth(new AgentConfig.Health(GRACE));
    agent = db.agent(cfg).clock(clock).build().start();
    return agent;
  }

  private AccountStatus main() {
    return agent.accounts().get(0);
  }

  private HttpResponse<String> health() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRefusedLoginShowsItsCodeAndHealthGoesDownAfterTheGrace() throws Exception {
    start("not-the-password");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              AccountStatus a = main();
              assertThat(a.heldHere()).isTrue();
              assertThat(a.holder()).isEqualTo("n1");
              assertThat(a.deliver().status()).isEqualTo(SessionStatus.LOGIN_REFUSED);
              assertThat(a.deliver().code()).isEqualTo(ResultCode.E_AUTH_FAIL.code());
              assertThat(a.report().status()).isEqualTo(SessionStatus.LOGIN_REFUSED);
            });
    // within the grace: still up, but the state is there for whoever looks
    HttpResponse<String> within = health();
    assertThat(within.statusCode()).isEqualTo(200);
    assertThat(within.body())
        .contains("\"status\":\"up\"")
        .contains("\"main\":\"held\"")
        .contains("\"status\":\"LOGIN_REFUSED\"")
        .contains("\"code\":1001")
        .doesNotContain("not-the-password");
    // the agent rebuilds its client after each refused login; the state stays, since the first
    AccountStatus first = main();
    clock.advance(GRACE.plusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> down = health();
              assertThat(down.statusCode()).isEqualTo(503);
              assertThat(down.body())
                  .contains("\"status\":\"down\"")
                  .contains("account main: not bound for")
                  .contains("LOGIN_REFUSED (1001)")
                  .contains("E_AUTH_FAIL")
                  .doesNotContain("not-the-password");
            });
    assertThat(main().deliver().since()).isEqualTo(first.deliver().since());
    assertThat(agent.healthCheck().up()).isFalse();
    assertThat(agent.ready()).isNotDone();
  }

  @Test
  void aGatewayOutageShowsUnboundThenBoundAgainAndHealthFollows() throws Exception {
    start("secret");
    List<AccountStatus> atReady = agent.ready().get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(atReady).singleElement().satisfies(a -> assertThat(a.bound()).isTrue());
    assertThat(main().deliver().status()).isEqualTo(SessionStatus.BOUND);
    assertThat(health().statusCode()).isEqualTo(200);

    gateway.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              AccountStatus a = main();
              assertThat(a.bound()).isFalse();
              assertThat(a.deliver().status())
                  .isIn(SessionStatus.CONNECTING, SessionStatus.CERT_SERVER_UNREACHABLE);
              assertThat(a.unboundSince()).isNotNull();
            });
    assertThat(health().statusCode()).isEqualTo(200); // a blip within the grace pages nobody
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> main().deliver().status() == SessionStatus.CERT_SERVER_UNREACHABLE);

    clock.advance(GRACE.plusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> down = health();
              assertThat(down.statusCode()).isEqualTo(503);
              assertThat(down.body())
                  .contains("account main: not bound for")
                  .contains("CERT_SERVER_UNREACHABLE")
                  .contains("127.0.0.1:" + ports.certPort());
            });

    gateway =
        gateway(
            NgsGateway.builder()
                .certPort(ports.certPort())
                .deliverPort(ports.deliverPort())
                .reportPort(ports.reportPort()));
    gateway.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(main().bound()).isTrue();
              assertThat(main().unboundSince()).isNull();
              HttpResponse<String> up = health();
              assertThat(up.statusCode()).isEqualTo(200);
              assertThat(up.body()).contains("\"status\":\"BOUND\"").contains("\"bound\":true");
            });
  }
}
