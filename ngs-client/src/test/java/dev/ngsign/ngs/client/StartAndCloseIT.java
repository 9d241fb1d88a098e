package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * startAsync() always completes; close() is orderly while report listeners still run. Against the
 * scripted peer.
 */
class StartAndCloseIT {
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
    return peer.client("starting");
  }

  private static Throwable failure(CompletableFuture<Void> f, long seconds) {
    return f.handle((v, e) -> e).orTimeout(seconds, TimeUnit.SECONDS).join();
  }

  /**
   * A throwing state listener used to escape through the BIND_ACK listener, and start() never
   * completed.
   */
  @Test
  void aStateListenerThrowingAnErrorDoesNotLoseTheStart() {
    try (NgsClient c =
        client()
            .stateListener(
                ch -> {
                  if (ch.current() == ConnectionState.BOUND) {
                    throw new AssertionError("listener bug");
                  }
                })
            .build()) {
      assertThat(failure(c.startAsync(), 5)).isNull();
      assertThat(c.state()).isEqualTo(ConnectionState.BOUND);
    }
  }

  /**
   * EVENT 0 on the deliver session while the report session's BIND is still unanswered: the login
   * failed, with the gateway's code, at once — not after the report session's BIND_ACK timeout.
   */
  @Test
  void eventZeroDuringLoginFailsTheStartAtOnceWithItsCode() {
    peer.eventAfterDeliverBind = "1010 second DLV session for starting: both closed";
    peer.answerReportBind = false;
    NgsClient c = client().ackTimeout(Duration.ofSeconds(30)).build();
    Throwable e = failure(c.startAsync(), 5);
    assertThat(e).isInstanceOf(NgsAuthenticationException.class);
    assertThat(((NgsAuthenticationException) e).resultCode())
        .isEqualTo(ResultCode.E_DUPLICATE_SESSION);
    assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
  }

  /**
   * A retryable code in EVENT 0 during login (the gateway is restarting) is retried like a refused
   * BIND.
   */
  @Test
  void eventZeroShutdownDuringLoginIsRetried() {
    peer.eventAfterDeliverBind = "1016 gateway shutting down";
    peer.answerReportBind = false;
    NgsClient c = client().ackTimeout(Duration.ofSeconds(30)).build();
    CompletableFuture<Void> started = c.startAsync();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> peer.packets("CERT", dev.ngsign.ngs.protocol.packet.Cert.class).size() >= 2);
    peer.eventAfterDeliverBind = null;
    peer.answerReportBind = true;
    assertThat(failure(started, 10)).isNull();
    c.close();
  }

  /**
   * The listener finishes after close(): the report task neither throws (it used to, handing the
   * REPORT_ACK to the closed event loop) nor acknowledges, and says so at debug, not as a warning
   * or an error.
   */
  @Test
  void aReportListenerFinishingAfterCloseIsNotAcknowledgedAndNothingEscapes() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch taskDone = new CountDownLatch(1);
    Executor reportThread =
        task -> {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      task.run();
                    } catch (Throwable x) {
                      escaped.add(x);
                    } finally {
                      taskDone.countDown();
                    }
                  },
                  "test-report");
          t.setDaemon(true);
          t.start();
        };
    try {
      NgsClient c =
          client()
              .reportExecutor(reportThread)
              .reportListener(
                  r -> {
                    entered.countDown();
                    release
                        .await(); // a commit still running when the application closes the client
                  })
              .build();
      c.start();
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "late-commit", "GW1", null, Telco.SK));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      c.close();
      assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
      int before = logs.list.size();
      release.countDown();
      assertThat(taskDone.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(escaped).isEmpty();
      assertThat(peer.packets("REP", ReportAck.class)).isEmpty();
      List<ILoggingEvent> after = List.copyOf(logs.list.subList(before, logs.list.size()));
      assertThat(after)
          .noneMatch(
              e ->
                  e.getLevel().isGreaterOrEqual(Level.INFO)
                      && e.getLoggerName().startsWith("dev.ngsign.ngs.client"));
    } finally {
      release.countDown();
      root.detachAppender(logs);
    }
  }

  /**
   * Reports still queued for the listener at close() are neither handed to it nor acknowledged;
   * nothing is thrown.
   */
  @Test
  void aReportQueuedBehindCloseIsNotHandedToTheListener() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.ExecutorService reportThread =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.atomic.AtomicInteger handed =
        new java.util.concurrent.atomic.AtomicInteger();
    NgsClient c =
        client()
            .reportExecutor(
                task -> {
                  handed.incrementAndGet();
                  reportThread.execute(task);
                })
            .reportListener(
                r -> {
                  seen.add(r.serial());
                  entered.countDown();
                  release.await();
                })
            .build();
    try {
      c.start();
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "first", "GW1", null, Telco.SK));
      peer.sendOnReport(
          new Report(0, ReportMessage.EMPTY, "01020001234", "second", "GW2", null, Telco.SK));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> handed.get() == 2); // "second" waits behind "first"
      c.close();
    } finally {
      release.countDown();
    }
    reportThread.shutdown();
    assertThat(reportThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("first");
    assertThat(peer.packets("REP", ReportAck.class)).isEmpty();
  }
}
