package dev.ngsign.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.Receipt;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.server.NavercertServer;
import dev.ngsign.ngs.client.ConnectionState;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.Sms;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Deliver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A @SpringBootTest of an application that configures an NGS account, a LinkID, and nothing that
 * points anywhere.
 */
@SpringBootTest(
    classes = AutoConfigureNgsGatewayIT.App.class,
    properties = {
      "ngsign.ngs.id=shop",
      "navercert.LinkID=LINKHUB_SHOP",
      "navercert.SecretKey=not-the-real-one"
    })
@AutoConfigureNgsGateway
@AutoConfigureNavercertSimulator(clientCodes = "023040000001")
class AutoConfigureNgsGatewayIT {
  @Autowired NgsClient client;
  @Autowired NgsGateway gateway;
  @Autowired NavercertClient navercert;
  @Autowired NavercertServer simulator;

  @Value("${ngsign.test.gateway.cert-port}")
  int certPort;

  @Test
  void theClientIsBoundToTheTestGatewayWhichCapturesItsDelivers() throws Exception {
    assertThat(client.accountId()).isEqualTo("shop");
    assertThat(client.state()).isEqualTo(ConnectionState.BOUND);
    assertThat(gateway.ports().certPort()).isEqualTo(certPort);
    Sms sms = Sms.builder().to(TestNumbers.DELIVERED_KT).from("15880000").text("테스트").build();
    client.sendAndWait(sms);
    Deliver d = gateway.takeDeliver(Duration.ofSeconds(5));
    assertThat(d).isNotNull();
    assertThat(d.serial()).isEqualTo(sms.serial());
    assertThat(gateway.messagesAccepted("shop", sms.serial())).isEqualTo(1);
  }

  @Test
  void aScriptedAckReachesTheApplication() {
    String to = "01055550001";
    gateway.scriptDeliverAcks(to, ResultCode.E_INVALID_CALLBACK);
    Sms sms = Sms.builder().to(to).from("15880000").text("scripted").build();
    assertThat(client.send(sms))
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            NgsRejectedException.class,
            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.E_INVALID_CALLBACK));
  }

  @Test
  void theNavercertClientTalksToTheSimulatorWithTheApplicationsLinkId() {
    assertThat(navercert.linkId()).isEqualTo("LINKHUB_SHOP");
    Receipt receipt =
        navercert
            .requestMultiSign(
                "023040000001",
                MultiSign.builder()
                    .receiverHP("01012341234")
                    .receiverName("홍길동")
                    .receiverBirthday("19700101")
                    .reqTitle("계약서 서명")
                    .reqMessage("서명해 주세요")
                    .callCenterNum("1600-9854")
                    .expireIn(300)
                    .addToken(Token.text("본인은 약관에 동의합니다."))
                    .build())
            .execute();
    assertThat(simulator.pending())
        .anySatisfy(p -> assertThat(p.receiptID()).isEqualTo(receipt.receiptID()));
    simulator.sign(receipt.receiptID());
    assertThat(navercert.getMultiSignStatus("023040000001", receipt.receiptID()).execute().state())
        .isEqualTo(SignState.DONE);
  }

  @SpringBootApplication
  static class App {}
}
