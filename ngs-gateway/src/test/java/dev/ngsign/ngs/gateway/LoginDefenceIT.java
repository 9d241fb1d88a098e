package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 16: the connect lock reveals nothing about which IDs exist, a stranger cannot lock out a
 * customer connecting from another address, and malformed packets, failed logins and locks are
 * logged with the peer and counted.
 */
class LoginDefenceIT {
  private final MutableClock clock = new MutableClock();
  private final ListAppender<ILoggingEvent> security = new ListAppender<>();
  private NgsGateway gw;
  private GatewayPorts ports;

  @BeforeEach
  void start() {
    ((Logger) LoggerFactory.getLogger("dev.ngsign.ngs.gateway.security")).addAppender(security);
    security.start();
    gw =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .loginTimeout(Duration.ofSeconds(5))
            .lock(3, Duration.ofMinutes(1), Duration.ofMinutes(10))
            .account(Account.builder("testid", "secret").build())
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    gw.close();
    ((Logger) LoggerFactory.getLogger("dev.ngsign.ngs.gateway.security")).detachAppender(security);
  }

  private List<CertAck> hammer(String id) {
    return java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> RawNgsClient.cert(ports.certPort(), id, "guess" + i, 12))
        .toList();
  }

  @Test
  void unknownAndKnownIdsAreAnsweredAlikeAndLockAlike() {
    List<CertAck> known = hammer("testid");
    List<CertAck> unknown = hammer("nobody");
    assertThat(unknown)
        .extracting(CertAck::result)
        .containsExactlyElementsOf(known.stream().map(CertAck::result).toList());
    assertThat(unknown)
        .extracting(CertAck::serverIp)
        .containsExactlyElementsOf(known.stream().map(CertAck::serverIp).toList());
    assertThat(known)
        .extracting(CertAck::result)
        .containsExactly(
            ResultCode.E_AUTH_FAIL.code(),
            ResultCode.E_AUTH_FAIL.code(),
            ResultCode.E_AUTH_FAIL.code(),
            ResultCode.E_ACCOUNT_LOCKED.code(),
            ResultCode.E_ACCOUNT_LOCKED.code());
  }

  @Test
  void aLockFromOneAddressDoesNotLockOutAnother() throws Exception {
    hammer("testid"); // from 127.0.0.1: locked
    assertThat(RawNgsClient.cert(ports.certPort(), "testid", "secret", 12).result())
        .isEqualTo(ResultCode.E_ACCOUNT_LOCKED.code());
    try (java.net.Socket s = new java.net.Socket()) { // the customer, from another loopback address
      s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
      s.connect(new java.net.InetSocketAddress("127.0.0.1", ports.certPort()));
      s.getOutputStream()
          .write(
              dev.ngsign.ngs.protocol.codec.PacketCodec.toBytes(
                  new dev.ngsign.ngs.protocol.packet.Cert(
                      "testid", RawNgsClient.pwd("secret", 12), "TV_2.0.1", 12)));
      byte[] head = s.getInputStream().readNBytes(14 + 4);
      assertThat(new String(head, 14, 4, StandardCharsets.US_ASCII).trim().replace("\0", ""))
          .isEqualTo("0");
    }
    assertThat(gw.isLocked("testid")).as("the operator still sees the lock").isTrue();
  }

  @Test
  void malformedPacketsFailedLoginsAndLocksAreLoggedWithThePeerAndCounted() throws Exception {
    hammer("testid");
    try (RawNgsClient c = new RawNgsClient(ports.certPort())) {
      c.sendRaw(
          "0\0\0\0abc\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)); // MsgLeng not a number
      c.readUntilClosed();
    }
    List<String> lines = security.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("login failed from /127.0.0.1:")
                    .contains("testid", "wrong password"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("locked from /127.0.0.1:").contains("testid"));
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).startsWith("malformed from /127.0.0.1:").contains("MsgLeng"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains("guess"));
    String metrics = gw.scrapeMetrics();
    assertThat(metrics)
        .containsPattern("ngs_cert_total\\{result=\"E_AUTH_FAIL\"} 3\\.0")
        .containsPattern("ngs_cert_total\\{result=\"E_ACCOUNT_LOCKED\"} 2\\.0")
        .containsPattern("ngs_cert_total\\{result=\"E_MALFORMED_PACKET\"} 1\\.0");
  }
}
