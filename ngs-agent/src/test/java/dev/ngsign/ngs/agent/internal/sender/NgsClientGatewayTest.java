package dev.ngsign.ngs.agent.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.agent.ConfigException;
import dev.ngsign.ngs.agent.internal.sender.NgsClientGateway.Tuning;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The login timeout against the client's own bound, and the stage a REPORT_ACK waits for. */
class NgsClientGatewayTest {
  private static final Report REPORT =
      new Report(
          0,
          ReportMessage.EMPTY,
          "01020001001",
          "S1",
          "GW1",
          LocalDateTime.of(2026, 11, 24, 12, 0),
          Telco.SK);

  @Test
  void oneClientAttemptIsBoundedAsDocsClientMdSays() {
    // docs/client.md, "Sessions": 2 x (connectTimeout + ackTimeout) + 1 s, with the defaults 31 s
    assertThat(Tuning.clientAttemptBound(Duration.ofSeconds(5), Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofSeconds(31));
    // 4 attempts and 3 retry delays of max(certMinInterval 3.5 s, first reconnect at most 5 s x
    // 1.2)
    assertThat(
            Tuning.clientStartBound(
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMillis(3_500),
                Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(31 + 3 * (6 + 31)));
    // a CERT pacing longer than the reconnect delay is the retry delay
    assertThat(
            Tuning.clientStartBound(
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(7 + 3 * (10 + 7)));
  }

  @Test
  void theDefaultStartTimeoutOutlastsEveryLoginTheClientMayStillComplete() {
    Tuning t = Tuning.defaults();
    Duration attempt = Tuning.clientAttemptBound(t.connectTimeout(), t.ackTimeout());
    Duration start =
        Tuning.clientStartBound(
            t.connectTimeout(), t.ackTimeout(), t.certMinInterval(), t.reconnectMin());
    assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(attempt)
        .isGreaterThan(Duration.ofSeconds(30)); // the old fixed 30 s cut such an attempt short
    assertThat(t.startTimeout())
        .isEqualTo(start.plus(NgsClientGateway.START_SLACK))
        .isEqualTo(Duration.ofSeconds(147));
  }

  @Test
  void testPacingDerivesTheStartTimeoutAgain() {
    Tuning t = Tuning.defaults().withLoginPacing(Duration.ofMillis(10), Duration.ofMillis(200));
    assertThat(t.certMinInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(t.reconnectMin()).isEqualTo(Duration.ofMillis(200));
    assertThat(t.restartDelay()).isEqualTo(Duration.ofMillis(200));
    // 31 s + 3 x (240 ms + 31 s) + 5 s
    assertThat(t.startTimeout()).isEqualTo(Duration.ofMillis(31_000 + 3 * 31_240 + 5_000));
  }

  @Test
  void aStartTimeoutNotLongerThanTheClientsBoundFailsFastNamingBoth() {
    assertThatThrownBy(
            () ->
                new Tuning(
                    256,
                    10_000,
                    Duration.ofSeconds(5),
                    Duration.ofMillis(3_500),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(30)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("start timeout (30 s)")
        .hasMessageContaining("(142 s:")
        .hasMessageContaining("connect timeout 5 s")
        .hasMessageContaining("ack timeout 10 s");
    assertThatThrownBy(
            () ->
                new Tuning(
                    256,
                    10_000,
                    Duration.ofSeconds(5),
                    Duration.ofMillis(3_500),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(142)))
        .isInstanceOf(ConfigException.class);
    // shorter client timeouts allow a shorter start timeout: 4 x 3.4 s + 3 x 6 s = 31.6 s
    Tuning quick =
        new Tuning(
            256,
            10_000,
            Duration.ofSeconds(5),
            Duration.ofMillis(3_500),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofMillis(1_000),
            Duration.ofSeconds(120),
            Duration.ofSeconds(32));
    assertThat(quick.startTimeout()).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void theAckStageCompletesWithTheCommit() throws Exception {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    CompletableFuture<Void> stage =
        NgsClientGateway.committed(r -> commit, REPORT, Duration.ofSeconds(30));
    assertThat(stage).isNotDone();
    commit.complete(null);
    stage.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aFailedCommitFailsTheAckStage() {
    IllegalStateException down =
        new IllegalStateException("agent stopped before the report was stored");
    CompletableFuture<Void> stage =
        NgsClientGateway.committed(
            r -> CompletableFuture.failedFuture(down), REPORT, Duration.ofSeconds(30));
    assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCause(down);
  }

  @Test
  void aCommitThatNeverCompletesFailsTheAckStageAtTheTimeoutAndIsLeftAlone() {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    CompletableFuture<Void> stage =
        NgsClientGateway.committed(r -> commit, REPORT, Duration.ofMillis(100));
    assertThatThrownBy(() -> stage.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(commit)
        .isNotDone(); // the write-behind's own future: it completes it when the commit happens
    commit.complete(null);
    assertThat(stage).isCompletedExceptionally();
  }
}
