package dev.ngsign.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.cli.Main;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ngsign bench} against a gateway that dies in the middle: a run that did not finish is a
 * failure.
 */
class BenchCommandIT {

  @Test
  void aRunWhoseGatewayDiedExitsNonZeroWithTheUnacknowledgedCount() throws Exception {
    NgsGateway gw =
        NgsGateway.builder()
            .account(Account.builder("bench1", "benchpw").build())
            .reportDelay(Duration.ZERO)
            .build();
    GatewayPorts ports = gw.start();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                Main.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute(
                        "bench",
                        "--target",
                        "127.0.0.1:" + ports.certPort(),
                        "--messages",
                        "100000",
                        "--rate",
                        "500",
                        "--max-seconds",
                        "120"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> gw.acceptedCount("bench1") > 100);
    } finally {
      gw.close(); // the gateway goes away with most messages not yet sent
    }
    assertThat(exit.get(150, TimeUnit.SECONDS)).as(out + "\n" + err).isEqualTo(1);
    assertThat(err.toString())
        .containsPattern(
            "bench: did not finish: \\d+ of 200000 messages unacknowledged"); // as many warm-up
  }

  @Test
  void aFinishedRunExitsZero() {
    NgsGateway gw =
        NgsGateway.builder()
            .account(Account.builder("bench1", "benchpw").build())
            .reportDelay(Duration.ZERO)
            .build();
    try {
      GatewayPorts ports = gw.start();
      StringWriter out = new StringWriter();
      int exit =
          Main.commandLine()
              .setOut(new PrintWriter(out, true))
              .execute(
                  "bench",
                  "--target",
                  "127.0.0.1:" + ports.certPort(),
                  "--messages",
                  "2000",
                  "--max-seconds",
                  "120");
      assertThat(exit).as(out.toString()).isZero();
      assertThat(out.toString()).contains("warmup=2000 acked=4000"); // as many warm-up first
    } finally {
      gw.close();
    }
  }
}
