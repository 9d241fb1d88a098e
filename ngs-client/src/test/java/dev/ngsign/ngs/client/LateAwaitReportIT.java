package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitReport} called after the report arrived: completes from the recent-report memory or
 * fails at once.
 */
class LateAwaitReportIT {
  private static final String FROM = GatewayFixture.FROM;

  @Test
  void aLateAwaitCompletesWithTheReportThatAlreadyArrived() throws Exception {
    List<String> arrived = new CopyOnWriteArrayList<>();
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("late"));
        NgsClient client = gw.client("late").reportListener(r -> arrived.add(r.serial())).build()) {
      client.start();
      Sms sms = Sms.builder().to(TestNumbers.UNKNOWN_SUBSCRIBER).from(FROM).text("late").build();
      client.sendAndWait(sms);
      await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains(sms.serial()));

      CompletableFuture<NgsReport> late = client.awaitReport(sms.serial());
      assertThat(late).isDone(); // at once, not on a report that will never come again
      NgsReport r = late.get();
      assertThat(r.serial()).isEqualTo(sms.serial());
      assertThat(r.resultCode()).isEqualTo(ResultCode.E_UNKNOWN_SUBSCRIBER);
    }
  }

  @Test
  void aLateAwaitForAForgottenReportFailsAtOnceSayingWhy() throws Exception {
    List<String> arrived = new CopyOnWriteArrayList<>();
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("forget"));
        NgsClient client =
            gw.client("forget")
                .recentReports(2)
                .reportListener(r -> arrived.add(r.serial()))
                .build()) {
      client.start();
      Sms first = Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text("1").build();
      client.sendAndWait(first);
      await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains(first.serial()));
      for (int i = 2;
          i <= 3;
          i++) { // two later reports push the first out of a memory of two, one at a time
        Sms next =
            Sms.builder().to(TestNumbers.DELIVERED_SK).from(FROM).text(String.valueOf(i)).build();
        client.sendAndWait(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains(next.serial()));
      }

      CompletableFuture<NgsReport> late = client.awaitReport(first.serial());
      assertThat(late).isCompletedExceptionally();
      assertThatThrownBy(late::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(NgsReportForgottenException.class)
          .hasMessageContaining(first.serial())
          .hasMessageContaining("recentReports keeps the latest 2");
      assertThat(client.awaitReport(arrived.get(2)))
          .isCompleted(); // the newest is still remembered
    }
  }

  @Test
  void anAwaitOnAClosedClientFailsAtOnce() {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("closed"))) {
      NgsClient client = gw.client("closed").build();
      client.start();
      client.close();
      CompletableFuture<NgsReport> f = client.awaitReport("never-sent");
      assertThat(f).isCompletedExceptionally();
      assertThatThrownBy(f::get)
          .cause()
          .isInstanceOf(NgsClosedException.class)
          .hasMessageContaining("never-sent");
    }
  }

  @Test
  void anAwaitBeforeTheReportStillCompletesWhenItComes() throws Exception {
    try (GatewayFixture gw = new GatewayFixture(GatewayFixture.account("early"));
        NgsClient client = gw.client("early").build()) {
      client.start();
      Sms sms = Sms.builder().to(TestNumbers.DELIVERED_KT).from(FROM).text("early").build();
      CompletableFuture<NgsReport> early = client.awaitReport(sms.serial());
      assertThat(early).isNotDone();
      client.sendAndWait(sms);
      assertThat(early.get(10, java.util.concurrent.TimeUnit.SECONDS).delivered()).isTrue();
      assertThat(client.awaitReport(sms.serial()).getNow(null)).isSameAs(early.getNow(null));
    }
  }
}
