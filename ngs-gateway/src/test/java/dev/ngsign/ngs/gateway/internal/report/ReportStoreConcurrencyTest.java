package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store used the way the gateway uses it, from several threads at once: deliver sessions
 * writing batches, two report sessions per account taking and acknowledging the same account's
 * reports (each taken by one at a time, each deletion counted once), and the housekeeping thread
 * sweeping (creating SERIAL buckets and dropping expired ones) all the while, with a short window
 * and narrow buckets so that sweeps drop a lot. After a restart, exactly the reports written and
 * not acknowledged are waiting: a report moved by a sweep while it was being acknowledged neither
 * comes back nor gets lost.
 */
class ReportStoreConcurrencyTest {
  private static final long WINDOW = 20;

  /**
   * Wide enough that creating and dropping column families (a manifest write each) does not
   * dominate.
   */
  private static final long BUCKET = 100;

  private static final String[] ACCOUNTS = {"a", "b"};
  private static final int BATCHES = 400;

  /** Report sessions per account, taking and acknowledging the same account's reports. */
  private static final int REPORT_SESSIONS = 2;

  @TempDir Path dir;

  @Test
  void sweepsRacingWithWritesAndAcknowledgementsKeepExactlyTheWaitingReports() throws Exception {
    Set<String> written = ConcurrentHashMap.newKeySet(); // GWSERIALs
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicLong clock = new AtomicLong(1_000);
    AtomicBoolean delivering = new AtomicBoolean(true);
    ExecutorService pool =
        Executors.newFixedThreadPool((1 + REPORT_SESSIONS) * ACCOUNTS.length + 1);
    long sweeps = 0;
    long waitingBeforeRestart = -1;
    try (ReportStore s = KillNineCopy.open(dir, WINDOW, BUCKET, 1_000)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> delivers = new ArrayList<>();
      List<Future<?>> acks = new ArrayList<>();
      for (String account : ACCOUNTS) {
        delivers.add(
            pool.submit(
                () -> {
                  start.await();
                  StoreBatch b = new StoreBatch();
                  for (int i = 0; i < BATCHES; i++) {
                    List<String> batch = new ArrayList<>();
                    for (int j = 0; j < 5; j++) {
                      long now = clock.incrementAndGet();
                      String serial = "S" + i + "-" + j;
                      String gw = s.nextGwSerial();
                      SerialClaim c;
                      synchronized (
                          account) { // as DeliverHandler: one account's claims in one order
                        c = s.claimSerial(account, serial, gw, now, b);
                        s.storeReport(
                            account, report(serial, gw), now, YearMonth.of(2026, 11), c, b);
                      }
                      batch.add(gw);
                    }
                    s.write(b);
                    written.addAll(batch);
                  }
                  return null;
                }));
        for (int r = 0; r < REPORT_SESSIONS; r++) {
          acks.add(
              pool.submit(
                  () -> {
                    start.await();
                    StoreBatch b = new StoreBatch();
                    PendingReport cursor = null;
                    while (delivering.get()) {
                      List<PendingReport> taken = s.take(account, cursor, Long.MAX_VALUE / 2, 50);
                      if (taken.isEmpty()) {
                        cursor = null; // start over, as a new report session would
                      }
                      for (PendingReport p : taken) {
                        cursor = p;
                        acknowledge(s, account, p, b, acknowledged);
                      }
                      s.write(b);
                    }
                    // a last pass
                    acknowledgeAll(
                        s,
                        account,
                        s.take(account, null, Long.MAX_VALUE / 2, 100_000),
                        b,
                        acknowledged);
                    s.write(b);
                    return null;
                  }));
        }
      }
      Future<Long> sweeper =
          pool.submit(
              () -> {
                start.await();
                long n = 0;
                while (delivering.get()) {
                  n += s.sweepSerials(clock.get());
                }
                return n;
              });
      start.countDown();
      for (Future<?> f : delivers) {
        f.get(120, TimeUnit.SECONDS);
      }
      delivering.set(false);
      sweeps = sweeper.get(120, TimeUnit.SECONDS);
      for (Future<?> f : acks) {
        f.get(120, TimeUnit.SECONDS);
      }
      s.sweepSerials(clock.get() + 10 * WINDOW); // every SERIAL expired: every bucket goes
      waitingBeforeRestart = s.pendingTotal();
    } finally {
      pool.shutdownNow();
    }
    assertThat(sweeps).as("SERIALs dropped by sweeps while delivering").isPositive();
    assertThat(written).hasSize(ACCOUNTS.length * BATCHES * 5);
    Set<String> expected = new HashSet<>(written);
    expected.removeAll(acknowledged);
    assertThat(acknowledged).as("a third is left waiting").hasSizeLessThan(written.size());
    try (ReportStore after = KillNineCopy.open(dir, WINDOW, BUCKET, 1_000)) {
      Set<String> waiting = new HashSet<>();
      for (String a : ACCOUNTS) {
        for (PendingReport p : after.due(a, null, Long.MAX_VALUE / 2, Integer.MAX_VALUE)) {
          assertThat(waiting.add(p.report().gwSerial()))
              .as("listed once: %s", p.report().gwSerial())
              .isTrue();
        }
      }
      assertThat(waiting).isEqualTo(expected);
      assertThat(after.pendingTotal())
          .as("the stored count: each deletion counted once")
          .isEqualTo(expected.size());
      assertThat(waitingBeforeRestart).as("the count in memory").isEqualTo(expected.size());
    }
  }

  /**
   * Acknowledges two thirds of the reports (by GWSERIAL) and gives the rest back, to wait; a report
   * handed out again after its acknowledgement is a report that came back, and a report another
   * session has is one sent twice at once.
   */
  private static void acknowledge(
      ReportStore s, String account, PendingReport p, StoreBatch b, Set<String> acked) {
    if (acked.contains(p.report().gwSerial())) {
      throw new AssertionError("acknowledged report " + p.report().gwSerial() + " was taken again");
    }
    if (p.gwSerial() % 3 != 0) {
      if (!s.acknowledge(account, p, b)) {
        throw new AssertionError("taken report " + p.report().gwSerial() + " not acknowledged");
      }
      if (!acked.add(p.report().gwSerial())) {
        throw new AssertionError("report " + p.report().gwSerial() + " acknowledged twice");
      }
    } else {
      s.release(account, List.of(p));
    }
  }

  private static void acknowledgeAll(
      ReportStore s, String account, List<PendingReport> taken, StoreBatch b, Set<String> acked) {
    for (PendingReport p : taken) {
      acknowledge(s, account, p, b, acked);
    }
  }

  private static Report report(String serial, String gw) {
    return new Report(
        0,
        ReportMessage.EMPTY,
        "01020001234",
        serial,
        gw,
        LocalDateTime.of(2026, 1, 1, 0, 0),
        Telco.LG);
  }
}
