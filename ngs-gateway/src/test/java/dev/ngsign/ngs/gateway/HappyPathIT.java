package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CERT → BIND DLV + REP → DELIVER → DELIVER_ACK → REPORT → REPORT_ACK, plain and encrypted
 * (sections 2, 4, 5).
 */
class HappyPathIT {
  private NgsGateway gw;
  private GatewayPorts ports;

  @BeforeEach
  void start() {
    gw =
        NgsGateway.builder()
            .account(Account.builder("testid", "secret").build())
            .reportDelay(Duration.ZERO)
            .build();
    ports = gw.start();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @ParameterizedTest
  @EnumSource(SessionMode.class)
  void messageGoesThroughAndItsReportComesBack(SessionMode mode) {
    CertAck ca = RawNgsClient.cert(ports.certPort(), "testid", "secret", 12);
    assertThat(ca.isOk()).isTrue();
    assertThat(ca.certKey()).hasSize(64);
    assertThat(ca.serverIp()).isEqualTo("127.0.0.1");
    assertThat(ca.deliverPort()).isEqualTo(ports.deliverPort());
    assertThat(ca.reportPort()).isEqualTo(ports.reportPort());

    try (RawNgsClient dlv = new RawNgsClient(ports.deliverPort());
        RawNgsClient rep = new RawNgsClient(ports.reportPort())) {
      assertThat(dlv.bind("testid", "secret", ca.certKey(), mode, SessionKind.DELIVER, 12).isOk())
          .isTrue();
      assertThat(rep.bind("testid", "secret", ca.certKey(), mode, SessionKind.REPORT, 12).isOk())
          .isTrue();

      dlv.send(Messages.sms("S1", TestNumbers.DELIVERED_KT));
      DeliverAck ack = (DeliverAck) dlv.read();
      assertThat(ack.result()).isEqualTo(ResultCode.E_OK.code());
      assertThat(ack.serial()).isEqualTo("S1");
      assertThat(ack.daAddr()).isEqualTo(TestNumbers.DELIVERED_KT);

      Report r = (Report) rep.read();
      assertThat(r.serial()).isEqualTo("S1");
      assertThat(r.result()).isZero();
      assertThat(r.telco()).isEqualTo(Telco.KT);
      assertThat(r.gwSerial()).hasSize(15).containsOnlyDigits();
      rep.send(r.ack());

      dlv.send(new Link());
      assertThat(dlv.read()).isInstanceOf(LinkAck.class);
      rep.send(new Link());
      assertThat(rep.read()).isInstanceOf(LinkAck.class);
      org.awaitility.Awaitility.await().until(() -> gw.pendingReports("testid") == 0);
      assertThat(gw.messagesAccepted("testid", "S1")).isEqualTo(1);
      assertThat(gw.sessions()).hasSize(2);
    }
  }
}
