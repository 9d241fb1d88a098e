package dev.ngsign.ngs.client.nomicrometer;

import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.Sms;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a user without Micrometer does: build a client (no meterRegistry), send one SMS, wait for
 * its DELIVER_ACK and REPORT. {@code WithoutMicrometerIT} runs it in a class loader that has no
 * Micrometer.
 */
public final class SendOne {
  private SendOne() {}

  /** Returns {@code <DELIVER_ACK code name> <delivered>}, e.g. {@code E_OK true}. */
  public static String run(int certPort, String id, String password, String to) throws Exception {
    try (NgsClient client =
        NgsClient.builder()
            .certServer("127.0.0.1", certPort)
            .account(id, password)
            .senderCode("101280092")
            .certMinInterval(Duration.ofMillis(250))
            .build()) {
      client.start();
      Sms sms = Sms.builder().to(to).from("15880000").text("마이크로미터 없이").build();
      var report = client.awaitReport(sms.serial());
      DeliverResult r = client.sendAndWait(sms);
      NgsReport rep = report.get(10, TimeUnit.SECONDS);
      return r.resultCode().name() + " " + rep.delivered();
    }
  }
}
