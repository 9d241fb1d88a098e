package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.EventType;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import dev.ngsign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every session rule of sections 1.2, 2, 3.2, 4.1, 4.2 and 4.5, each with its code, over real
 * sockets.
 */
class SessionRulesIT {
  private static final String ID = "testid";
  private static final String PW = "secret";

  private final MutableClock clock = new MutableClock();
  private NgsGateway gw;
  private GatewayPorts ports;

  private void start(UnaryOperator<NgsGateway.Builder> config, Account... accounts) {
    NgsGateway.Builder b =
        NgsGateway.builder()
            .clock(clock)
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            // long enough that no test races the spec's login window on a busy machine; the test
            // of the window itself shortens it
            .loginTimeout(Duration.ofSeconds(10));
    if (accounts.length == 0) {
      b.account(Account.builder(ID, PW).build());
    }
    for (Account a : accounts) {
      b.account(a);
    }
    gw = config.apply(b).build();
    ports = gw.start();
  }

  private void start() {
    start(b -> b);
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private static int code(String message) {
    return Integer.parseInt(message.substring(0, message.indexOf(' ')));
  }

  private static void assertClosedWithEvent(RawNgsClient c, ResultCode code) {
    List<NgsPacket> got = c.readUntilClosed();
    assertThat(got).last().isInstanceOf(Event.class);
    Event e = (Event) got.get(got.size() - 1);
    assertThat(e.eventType()).isEqualTo(EventType.DISCONNECT);
    assertThat(code(e.data())).as(e.data()).isEqualTo(code.code());
  }

  private BindAck bind(SessionKind portKind, Bind bind) {
    try (RawNgsClient c =
        new RawNgsClient(
            portKind == SessionKind.DELIVER ? ports.deliverPort() : ports.reportPort())) {
      c.send(bind);
      BindAck ack = (BindAck) c.read();
      if (!ack.isOk()) {
        assertThat(c.readUntilClosed()).isEmpty();
      }
      return ack;
    }
  }

  /** The result of a plain DELIVER BIND (version TV_2.0.1, KEYPOS 12) on the deliver port. */
  private int deliverBind(String id, String pw, String certKey) {
    return bind(
            SessionKind.DELIVER,
            bindPacket(id, pw, certKey, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12))
        .result();
  }

  private static Bind bindPacket(
      String id,
      String pw,
      String certKey,
      SessionMode mode,
      SessionKind kind,
      String version,
      int keyPos) {
    return new Bind(id, RawNgsClient.pwd(pw, keyPos), certKey, mode, kind, version, keyPos);
  }

  private String certKey() {
    CertAck ca = RawNgsClient.cert(ports.certPort(), ID, PW, 12);
    assertThat(ca.isOk()).as(ca.toString()).isTrue();
    return ca.certKey();
  }

  // ---- section 2.1: CERT/BIND within 1 s of connecting ----

  @ParameterizedTest
  @ValueSource(strings = {"cert", "deliver", "report"})
  void silentConnectionIsClosedAfterTheLoginWindow(String port) {
    start(b -> b.loginTimeout(Duration.ofMillis(300)));
    int p =
        switch (port) {
          case "cert" -> ports.certPort();
          case "deliver" -> ports.deliverPort();
          default -> ports.reportPort();
        };
    try (RawNgsClient c = new RawNgsClient(p)) {
      assertClosedWithEvent(c, ResultCode.E_LOGIN_TIMEOUT);
    }
  }

  // ---- section 4.1: CERT ----

  @Test
  void certAckCarriesA64CharacterKeyTheAddressAndThePorts() {
    start(b -> b.advertisedHost("10.1.2.3"));
    CertAck ca = RawNgsClient.cert(ports.certPort(), ID, PW, 60);
    assertThat(ca.result()).isZero();
    assertThat(ca.certKey()).hasSize(64).matches("[A-Za-z0-9+/]{64}");
    assertThat(ca.serverIp()).isEqualTo("10.1.2.3");
    assertThat(ca.deliverPort()).isEqualTo(ports.deliverPort());
    assertThat(ca.reportPort()).isEqualTo(ports.reportPort());
  }

  @Test
  void wrongPasswordOrUnknownIdFailsCertWithReasonInServerIp() {
    start();
    CertAck wrong = RawNgsClient.cert(ports.certPort(), ID, "nope", 12);
    assertThat(wrong.result()).isEqualTo(ResultCode.E_AUTH_FAIL.code());
    assertThat(wrong.serverIp()).startsWith("1001 ");
    assertThat(wrong.deliverPort()).isZero();
    assertThat(wrong.reportPort()).isZero();
    assertThat(wrong.certKey()).isEmpty();
    assertThat(RawNgsClient.cert(ports.certPort(), "nobody", PW, 12).result())
        .isEqualTo(ResultCode.E_AUTH_FAIL.code());
  }

  @Test
  void pwdMadeWithAnotherKeyPosFails() {
    start();
    try (RawNgsClient c = new RawNgsClient(ports.certPort())) {
      c.send(new Cert(ID, RawNgsClient.pwd(PW, 12), "TV_2.0.1", 13));
      assertThat(((CertAck) c.read()).result()).isEqualTo(ResultCode.E_AUTH_FAIL.code());
    }
  }

  @Test
  void wrongVersionFailsCert() {
    start();
    try (RawNgsClient c = new RawNgsClient(ports.certPort())) {
      c.send(new Cert(ID, RawNgsClient.pwd(PW, 12), "TV_2,0.1", 12));
      assertThat(((CertAck) c.read()).result()).isEqualTo(ResultCode.E_INVALID_VERSION.code());
    }
  }

  @Test
  void keyPosOutsideTheHashFailsCert() {
    start();
    try (RawNgsClient c = new RawNgsClient(ports.certPort())) {
      c.send(new Cert(ID, RawNgsClient.pwd(PW, 12), "TV_2.0.1", 65));
      assertThat(((CertAck) c.read()).result()).isEqualTo(ResultCode.E_INVALID_KEYPOS.code());
    }
  }

  @Test
  void secondCertWithinThreeSecondsFails() {
    start(b -> b.certInterval(Duration.ofSeconds(3)));
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result()).isZero();
    clock.advance(Duration.ofMillis(2_999));
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result())
        .isEqualTo(ResultCode.E_CERT_TOO_OFTEN.code());
    clock.advance(Duration.ofMillis(1));
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result()).isZero();
  }

  @Test
  void clientAddressOutsideTheAllowListFailsCertAndBind() {
    start(
        b -> b,
        Account.builder(ID, PW).allowAddress("10.0.0.0/8").build(),
        Account.builder("local", PW).allowAddress("127.0.0.0/8").build());
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result())
        .isEqualTo(ResultCode.E_IP_DENIED.code());
    CertAck ok = RawNgsClient.cert(ports.certPort(), "local", PW, 12);
    assertThat(ok.result()).isZero();
    gw.putAccount(Account.builder("local", PW).allowAddress("192.168.0.0/16").build());
    assertThat(deliverBind("local", PW, ok.certKey())).isEqualTo(ResultCode.E_IP_DENIED.code());
  }

  @Test
  void excessiveConnectsLockTheAccountUntilUnlocked() {
    start(b -> b.lock(3, Duration.ofMinutes(1), Duration.ofMinutes(10)));
    String key = certKey();
    assertThat(RawNgsClient.cert(ports.certPort(), ID, "wrong", 12).result())
        .isEqualTo(ResultCode.E_AUTH_FAIL.code());
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result()).isZero();
    CertAck locked = RawNgsClient.cert(ports.certPort(), ID, PW, 12);
    assertThat(locked.result()).isEqualTo(ResultCode.E_ACCOUNT_LOCKED.code());
    assertThat(gw.isLocked(ID)).isTrue();
    assertThat(deliverBind(ID, PW, key)).isEqualTo(ResultCode.E_ACCOUNT_LOCKED.code());
    assertThat(gw.unlock(ID)).isTrue();
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result()).isZero();
  }

  @Test
  void lockExpiresAfterTheLockTime() {
    start(b -> b.lock(1, Duration.ofMinutes(1), Duration.ofMinutes(10)));
    RawNgsClient.cert(ports.certPort(), ID, PW, 12);
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result())
        .isEqualTo(ResultCode.E_ACCOUNT_LOCKED.code());
    clock.advance(Duration.ofMinutes(10));
    assertThat(RawNgsClient.cert(ports.certPort(), ID, PW, 12).result()).isZero();
  }

  // ---- section 4.2: BIND ----

  @Test
  void bindNeedsACertKeyIssuedToThatId() {
    start(b -> b, Account.builder(ID, PW).build(), Account.builder("other", PW).build());
    String otherKey = RawNgsClient.cert(ports.certPort(), "other", PW, 12).certKey();
    BindAck ack =
        bind(
            SessionKind.DELIVER,
            bindPacket(ID, PW, otherKey, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12));
    assertThat(ack.result()).isEqualTo(ResultCode.E_INVALID_CERT_KEY.code());
    assertThat(ack.message()).startsWith("1006 ");
    String made = "x".repeat(64);
    assertThat(deliverBind(ID, PW, made)).isEqualTo(ResultCode.E_INVALID_CERT_KEY.code());
  }

  @Test
  void bindMoreThanFiveSecondsAfterCertFails() {
    start();
    String key = certKey();
    clock.advance(Duration.ofMillis(5_001));
    BindAck ack =
        bind(
            SessionKind.DELIVER,
            bindPacket(ID, PW, key, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12));
    assertThat(ack.result()).isEqualTo(ResultCode.E_INVALID_CERT_KEY.code());
    assertThat(ack.message()).contains("expired");
  }

  @Test
  void aCertKeyBindsEachKindOnce() {
    start();
    String key = certKey();
    try (RawNgsClient first = new RawNgsClient(ports.deliverPort())) {
      assertThat(first.bind(ID, PW, key, SessionMode.PLAIN, SessionKind.DELIVER, 12).isOk())
          .isTrue();
      try (RawNgsClient rep = new RawNgsClient(ports.reportPort())) {
        assertThat(rep.bind(ID, PW, key, SessionMode.PLAIN, SessionKind.REPORT, 12).isOk())
            .isTrue();
      }
      first.close();
      await().until(() -> !gw.isBound(ID, SessionKind.DELIVER));
      assertThat(deliverBind(ID, PW, key)).isEqualTo(ResultCode.E_INVALID_CERT_KEY.code());
    }
  }

  @Test
  void kindMustMatchThePort() {
    start();
    String key = certKey();
    assertThat(
            bind(
                    SessionKind.DELIVER,
                    bindPacket(ID, PW, key, SessionMode.PLAIN, SessionKind.REPORT, "TV_2.0.1", 12))
                .result())
        .isEqualTo(ResultCode.E_INVALID_KIND.code());
    assertThat(
            bind(
                    SessionKind.REPORT,
                    bindPacket(ID, PW, key, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12))
                .result())
        .isEqualTo(ResultCode.E_INVALID_KIND.code());
  }

  @Test
  void bindChecksVersionPasswordAndKeyPos() {
    start();
    String key = certKey();
    assertThat(
            bind(
                    SessionKind.DELIVER,
                    bindPacket(ID, PW, key, SessionMode.PLAIN, SessionKind.DELIVER, "TV_2,0.1", 12))
                .result())
        .isEqualTo(ResultCode.E_INVALID_VERSION.code());
    assertThat(deliverBind(ID, "wrong", key)).isEqualTo(ResultCode.E_AUTH_FAIL.code());
    Bind otherPos =
        new Bind(
            ID,
            RawNgsClient.pwd(PW, 12),
            key,
            SessionMode.PLAIN,
            SessionKind.DELIVER,
            "TV_2.0.1",
            30);
    assertThat(bind(SessionKind.DELIVER, otherPos).result())
        .isEqualTo(ResultCode.E_AUTH_FAIL.code());
    Bind badPos =
        new Bind(
            ID,
            RawNgsClient.pwd(PW, 12),
            key,
            SessionMode.PLAIN,
            SessionKind.DELIVER,
            "TV_2.0.1",
            65);
    assertThat(bind(SessionKind.DELIVER, badPos).result())
        .isEqualTo(ResultCode.E_INVALID_KEYPOS.code());
  }

  @Test
  void bindWithAnUnknownTypeIsAnsweredWithInvalidType() {
    start();
    byte[] frame =
        PacketCodec.toBytes(
            bindPacket(ID, PW, certKey(), SessionMode.PLAIN, SessionKind.DELIVER, "TV_2.0.1", 12));
    frame[14 + 20 + 110 + 65] = 'x'; // TYPE 2C (section 4.2)
    try (RawNgsClient c = new RawNgsClient(ports.deliverPort())) {
      c.sendRaw(frame);
      assertThat(((BindAck) c.read()).result()).isEqualTo(ResultCode.E_INVALID_TYPE.code());
      assertThat(c.readUntilClosed()).isEmpty();
    }
  }

  @Test
  void encryptedSessionsOnlyWhereTheAccountAllowsThem() {
    start(
        b -> b,
        Account.builder("plainonly", PW).encryptionAllowed(false).build(),
        Account.builder("secure", PW).encryptionRequired(true).build());
    String k1 = RawNgsClient.cert(ports.certPort(), "plainonly", PW, 12).certKey();
    assertThat(
            bind(
                    SessionKind.DELIVER,
                    bindPacket(
                        "plainonly",
                        PW,
                        k1,
                        SessionMode.ENCRYPTED,
                        SessionKind.DELIVER,
                        "TV_2.0.1",
                        12))
                .result())
        .isEqualTo(ResultCode.E_ENCRYPT_NOT_ALLOWED.code());
    String k2 = RawNgsClient.cert(ports.certPort(), "secure", PW, 12).certKey();
    assertThat(deliverBind("secure", PW, k2)).isEqualTo(ResultCode.E_ENCRYPT_NOT_ALLOWED.code());
  }

  @Test
  void bindAckCarriesTheAccountsTps() {
    start(b -> b, Account.builder(ID, PW).tps(80, 30, 20).build());
    try (RawNgsClient c = new RawNgsClient(ports.deliverPort())) {
      BindAck ack = c.bind(ID, PW, certKey(), SessionMode.PLAIN, SessionKind.DELIVER, 12);
      assertThat(ack.tps()).isEqualTo(new TpsLimits(80, 30, 20));
      assertThat(ack.message()).isEmpty();
    }
  }

  // ---- section 1.2: a second session of the same kind closes both ----

  @Test
  void secondSessionOfTheSameKindClosesBoth() {
    start();
    try (RawNgsClient first =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      String fresh =
          certKey(); // a fresh CERT, then the second BIND at once (the login window is 300 ms here)
      RawNgsClient second = new RawNgsClient(ports.deliverPort());
      BindAck ack = second.bind(ID, PW, fresh, SessionMode.PLAIN, SessionKind.DELIVER, 12);
      assertThat(ack.result()).isEqualTo(ResultCode.E_DUPLICATE_SESSION.code());
      assertThat(second.readUntilClosed()).isEmpty();
      second.close();
      assertClosedWithEvent(first, ResultCode.E_DUPLICATE_SESSION);
      await().until(() -> !gw.isBound(ID, SessionKind.DELIVER));
    }
  }

  @Test
  void secondSessionWithTheFirstOnesCertKeyClosesBoth() {
    start();
    String key = certKey();
    try (RawNgsClient first = new RawNgsClient(ports.reportPort())) {
      assertThat(first.bind(ID, PW, key, SessionMode.PLAIN, SessionKind.REPORT, 12).isOk())
          .isTrue();
      RawNgsClient second = new RawNgsClient(ports.reportPort());
      BindAck ack =
          second.bind(
              ID, PW, key, SessionMode.PLAIN, SessionKind.REPORT, 12); // same CERT_KEY again
      assertThat(ack.result()).as(ack.message()).isEqualTo(ResultCode.E_DUPLICATE_SESSION.code());
      assertThat(second.readUntilClosed()).isEmpty();
      second.close();
      assertClosedWithEvent(first, ResultCode.E_DUPLICATE_SESSION);
      await().until(() -> !gw.isBound(ID, SessionKind.REPORT));
    }
  }

  @Test
  void secondLoginWithAnExpiredOrUnknownCertKeyStillClosesBoth() {
    start();
    try (RawNgsClient first =
            RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.DELIVER);
        RawNgsClient second = new RawNgsClient(ports.deliverPort())) {
      BindAck ack = second.bind(ID, PW, "x".repeat(64), SessionMode.PLAIN, SessionKind.DELIVER, 12);
      assertThat(ack.result()).isEqualTo(ResultCode.E_DUPLICATE_SESSION.code());
      assertClosedWithEvent(first, ResultCode.E_DUPLICATE_SESSION);
    }
  }

  @Test
  void aSecondLoginWithTheWrongPasswordLeavesTheFirstSessionAlone() {
    start();
    try (RawNgsClient first =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      assertThat(deliverBind(ID, "wrong", certKey())).isEqualTo(ResultCode.E_AUTH_FAIL.code());
      first.send(new Link());
      assertThat(first.read()).isInstanceOf(LinkAck.class);
      assertThat(gw.isBound(ID, SessionKind.DELIVER)).isTrue();
    }
  }

  @Test
  void aDeliverAndAReportSessionMayCoexist() {
    start();
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.REPORT)) {
      assertThat(gw.isBound(ID, SessionKind.DELIVER)).isTrue();
      assertThat(gw.isBound(ID, SessionKind.REPORT)).isTrue();
      dlv.send(new Link());
      assertThat(dlv.read()).isInstanceOf(LinkAck.class);
    }
  }

  // ---- section 3.2: unexpected HeadType closes the session ----

  @Test
  void aPacketTheSessionDoesNotExpectClosesIt() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.send(new ReportAck(0, "S1", "0000000000000001"));
      assertClosedWithEvent(dlv, ResultCode.E_UNEXPECTED_PACKET);
    }
    try (RawNgsClient rep =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      rep.send(Messages.sms("S1"));
      assertClosedWithEvent(rep, ResultCode.E_UNEXPECTED_PACKET);
    }
    try (RawNgsClient early = new RawNgsClient(ports.deliverPort())) {
      early.send(Messages.sms("S1")); // DELIVER before BIND
      assertClosedWithEvent(early, ResultCode.E_UNEXPECTED_PACKET);
    }
    try (RawNgsClient cert = new RawNgsClient(ports.certPort())) {
      cert.send(new Link()); // only CERT is expected on the cert server
      assertClosedWithEvent(cert, ResultCode.E_UNEXPECTED_PACKET);
    }
  }

  /**
   * The table in docs/gateway.md: anything but CERT on the cert port is 1014, a DELIVER (over the
   * cap there) too.
   */
  @Test
  void aDeliverOnTheCertPortIsAnUnexpectedPacket() {
    start();
    try (RawNgsClient cert = new RawNgsClient(ports.certPort())) {
      cert.send(Messages.sms("S1"));
      assertClosedWithEvent(cert, ResultCode.E_UNEXPECTED_PACKET);
    }
  }

  /**
   * Section 1.2: numbers are written from the front of the field; MsgLeng " 0" (leading space) is
   * malformed.
   */
  @Test
  void aMsgLengWithLeadingSpacesClosesTheSessionAsMalformed() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      dlv.sendRaw(
          "41\0\0  0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)); // LINK, MsgLeng "  0"
      assertClosedWithEvent(dlv, ResultCode.E_MALFORMED_PACKET);
    }
  }

  @Test
  void anUnknownHeadTypeOrBadLengthClosesTheSession() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      byte[] header = new byte[14];
      header[0] = '9';
      header[1] = '9';
      header[4] = '0';
      dlv.sendRaw(header);
      assertClosedWithEvent(dlv, ResultCode.E_MALFORMED_PACKET);
    }
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      byte[] header =
          "41\0\0999999999\0".getBytes(StandardCharsets.ISO_8859_1); // LINK with a huge body
      dlv.sendRaw(header);
      assertClosedWithEvent(dlv, ResultCode.E_MALFORMED_PACKET);
    }
  }

  // ---- section 2.2: LINK and idle sessions ----

  @Test
  void idleSessionIsClosedAndLinkKeepsItOpen() {
    start(b -> b.idleTimeout(Duration.ofMillis(1_000)));
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      for (int i = 0; i < 3; i++) {
        dlv.send(new Link());
        assertThat(dlv.read()).isInstanceOf(LinkAck.class);
      }
      assertClosedWithEvent(dlv, ResultCode.E_IDLE_TIMEOUT);
    }
  }

  // ---- section 4.5: EVENT ----

  @Test
  void tpsChangeIsAnnouncedWithEventType1() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.DELIVER)) {
      assertThat(gw.setTps(ID, new TpsLimits(80, 30, 30))).isEqualTo(1);
      Event e = (Event) dlv.read();
      assertThat(e.eventType()).isEqualTo(EventType.TPS_CHANGE);
      assertThat(e.data()).isEqualTo("80,30,30");
      assertThat(gw.account(ID).tps()).isEqualTo(new TpsLimits(80, 30, 30));
    }
  }

  @Test
  void kickSendsTheReasonThenCloses() {
    start();
    try (RawNgsClient dlv =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER);
        RawNgsClient rep =
            RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.REPORT)) {
      assertThat(gw.kick(ID, SessionKind.DELIVER, "maintenance")).isEqualTo(1);
      List<NgsPacket> got = dlv.readUntilClosed();
      assertThat(((Event) got.get(0)).data()).isEqualTo("1015 maintenance");
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);
    }
  }

  @Test
  void shutdownTellsEverySession() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.PLAIN, SessionKind.DELIVER)) {
      gw.close();
      assertClosedWithEvent(dlv, ResultCode.E_SHUTDOWN);
    }
  }

  @Test
  void deliverAfterBindIsAnsweredOnEncryptedSessions() {
    start();
    try (RawNgsClient dlv =
        RawNgsClient.login(ports, ID, PW, SessionMode.ENCRYPTED, SessionKind.DELIVER)) {
      dlv.send(Messages.sms("ENC1"));
      DeliverAck ack = (DeliverAck) dlv.read();
      assertThat(ack.isOk()).isTrue();
      assertThat(ack.serial()).isEqualTo("ENC1");
    }
  }
}
