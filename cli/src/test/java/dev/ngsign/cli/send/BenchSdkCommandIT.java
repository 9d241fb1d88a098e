package dev.ngsign.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.cli.Main;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code ngsign bench-sdk --target} against an in-process gateway, with a few messages: it runs and
 * reports.
 */
class BenchSdkCommandIT {

  @Test
  void smallRunPrintsPercentilesAndRate() {
    try (NgsGateway gw =
        NgsGateway.builder()
            .certInterval(Duration.ZERO)
            .reportDelay(Duration.ZERO)
            .ioThreads(1)
            .account(Account.builder("bench1", "benchpw").build())
            .account(Account.builder("bench2", "benchpw").build())
            .build()) {
      int port = gw.start().certPort();
      StringWriter out = new StringWriter();
      var cl = Main.commandLine();
      cl.setOut(new PrintWriter(out));
      int exit =
          cl.execute(
              "bench-sdk",
              "--target",
              "127.0.0.1:" + port,
              "--sessions",
              "2",
              "--window",
              "32",
              "--messages",
              "4000",
              "--warmup",
              "1000",
              "--encrypt");
      assertThat(exit).as(out.toString()).isZero();
      assertThat(out.toString())
          .contains("measured: 4000 acked, 0 failed")
          .contains("latency send()->DELIVER_ACK: p50")
          .containsPattern("(?m)^\\d+ msg/s$");
      assertThat(gw.acceptedCount("bench1") + gw.acceptedCount("bench2")).isEqualTo(5000);
    }
  }
}
