package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncReportListener}: REPORT_ACK when the stage completes normally, never when it fails.
 */
class AsyncReportListenerIT {
  private static final String PW = "peer-password";
  private ScriptedPeer peer;

  @BeforeEach
  void setUp() throws Exception {
    peer = new ScriptedPeer(PW);
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  private NgsClientBuilder client() {
    return peer.client("async");
  }

  private static Report report(String serial) {
    return new Report(
        0, ReportMessage.EMPTY, "01020001234", serial, "GW-" + serial, null, Telco.SK);
  }

  private List<String> acked() {
    return peer.packets("REP", ReportAck.class).stream()
        .map(p -> ((ReportAck) p).serial())
        .toList();
  }

  @Test
  void reportAckFollowsTheStageAndAFailedStageIsNotAcknowledged() throws Exception {
    Map<String, CompletableFuture<Void>> commits = new ConcurrentHashMap<>();
    try (NgsClient c =
        client()
            .asyncReportListener(
                r -> {
                  CompletableFuture<Void> commit =
                      new CompletableFuture<>(); // completed by the "group commit" below
                  commits.put(r.serial(), commit);
                  return commit;
                })
            .build()) {
      c.start();
      var second = c.awaitReport("r1");
      for (int i = 0; i < 50; i++) {
        peer.sendOnReport(report("r" + i));
      }
      // all 50 are with the listener at once: nothing blocks a thread per report
      await().atMost(Duration.ofSeconds(5)).until(() -> commits.size() == 50);
      assertThat(acked()).isEmpty();
      commits.get("r0").completeExceptionally(new IllegalStateException("commit failed"));
      for (int i = 1; i < 50; i++) {
        commits.get("r" + i).complete(null);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> acked().size() == 49);
      assertThat(acked()).doesNotContain("r0");
      assertThat(second.get(5, TimeUnit.SECONDS).gwSerial()).isEqualTo("GW-r1");
      assertThat(c.state()).isEqualTo(ConnectionState.BOUND);
    }
  }

  @Test
  void aListenerThatThrowsOrReturnsNullIsNotAcknowledgedAndTheNextOneIs() {
    try (NgsClient c =
        client()
            .asyncReportListener(
                r ->
                    switch (r.serial()) {
                      case "throws" -> throw new IllegalStateException("database down");
                      case "null" -> null;
                      default -> CompletableFuture.completedFuture(null);
                    })
            .build()) {
      c.start();
      peer.sendOnReport(report("throws"));
      peer.sendOnReport(report("null"));
      peer.sendOnReport(report("works"));
      await().atMost(Duration.ofSeconds(5)).until(() -> acked().size() == 1);
      assertThat(acked()).containsExactly("works");
    }
  }

  @Test
  void aStageCompletingAfterCloseIsNotAcknowledged() throws Exception {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    java.util.concurrent.CountDownLatch called = new java.util.concurrent.CountDownLatch(1);
    NgsClient c =
        client()
            .asyncReportListener(
                r -> {
                  called.countDown();
                  return commit;
                })
            .build();
    c.start();
    var got = c.awaitReport("late");
    peer.sendOnReport(report("late"));
    assertThat(called.await(5, TimeUnit.SECONDS)).isTrue();
    c.close();
    commit.complete(null); // the hand-back runs on this thread: nothing thrown, no ACK
    assertThat(acked()).isEmpty();
    assertThat(got).isCompletedExceptionally();
  }

  @Test
  void bothListenerKindsAtOnceIsABuildError() {
    assertThatThrownBy(
            () ->
                client()
                    .reportListener(r -> {})
                    .asyncReportListener(r -> CompletableFuture.completedFuture(null))
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }
}
