package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendIT {

  @Test
  void smsIsAckedAndReported() throws Exception {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("acct1"));
        NgsClient client = gw.client("acct1").build()) {
      client.start();
      assertThat(client.state()).isEqualTo(ConnectionState.BOUND);
      Sms sms =
          Sms.builder()
              .to(TestNumbers.DELIVERED_SK)
              .from(GatewayFixture.FROM)
              .text("테스트 발송")
              .build();
      var report = client.awaitReport(sms.serial());
      DeliverResult r = client.sendAndWait(sms);
      assertThat(r.resultCode()).isEqualTo(ResultCode.E_OK);
      assertThat(r.serial()).isEqualTo(sms.serial());
      NgsReport rep = report.get(10, TimeUnit.SECONDS);
      assertThat(rep.delivered()).isTrue();
      assertThat(gw.gateway.messagesAccepted("acct1", sms.serial())).isEqualTo(1);
    }
  }
}
