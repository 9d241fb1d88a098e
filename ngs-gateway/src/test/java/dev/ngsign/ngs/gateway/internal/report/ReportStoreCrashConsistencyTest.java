package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random runs of what the gateway does to its store — sessions deciding DELIVERs into batches,
 * writing them, repeating SERIALs (within the de-duplication window and after it), refusing some,
 * report sessions acknowledging, sweeps that drop expired SERIAL buckets, with narrow buckets —
 * with a kill -9 simulated at random moments (a copy of the data directory taken without a close,
 * then opened). After every such crash: every message whose batch was written (its ACK may have
 * gone out) has its report unless that report's acknowledgement was written, and, while it is in
 * the window, its SERIAL record; no message whose batch was not written has either; quota use is
 * exactly the written messages. Seeded, so a failure names the seed that reproduces it.
 */
class ReportStoreCrashConsistencyTest {
  private static final long WINDOW = 60;
  private static final long BUCKET = 15;
  private static final YearMonth MONTH = YearMonth.of(2026, 11);
  private static final String[] ACCOUNTS = {"a", "b", "ab"};

  @TempDir Path dir;

  /**
   * 20 runs of 400 steps, each with ~10 crash copies (a copy is opened as a new store: the slow
   * part).
   */
  static Stream<Long> seeds() {
    return IntStream.range(0, 20).mapToObj(i -> 0x5EEDL * 31 + i);
  }

  /** A message the test decided: its fate so far. */
  private static final class Message {
    final String account;
    final String serial;
    final String gw;
    final long acceptedAt;
    boolean written;
    boolean ackDecided; // acknowledged, the remove record maybe not yet written
    boolean ackWritten;

    Message(String account, String serial, String gw, long acceptedAt) {
      this.account = account;
      this.serial = serial;
      this.gw = gw;
      this.acceptedAt = acceptedAt;
    }
  }

  /** One session's view: its batch and the messages decided into it. */
  private static final class Session {
    final String account;
    final StoreBatch batch = new StoreBatch();
    final List<Message> decided = new ArrayList<>();

    Session(String account) {
      this.account = account;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aCrashAtAnyMomentKeepsExactlyWhatWasWritten(long seed) throws IOException {
    Random rnd = new Random(seed);
    Map<String, Message> byGw = new HashMap<>();
    Map<String, Message> latestWritten =
        new HashMap<>(); // account NUL serial -> its latest written message
    int crashes = 0;
    long sweptSerials = 0;
    Map<String, Long> quotaWritten = new HashMap<>();
    try (ReportStore s = KillNineCopy.open(dir, WINDOW, BUCKET, 1_000)) {
      List<Session> sessions = new ArrayList<>();
      for (String a : ACCOUNTS) {
        sessions.add(new Session(a));
      }
      StoreBatch acks = new StoreBatch();
      List<Message> acksPending = new ArrayList<>();
      long now = 1_000;
      int nextSerial = 0;
      for (int step = 0; step < 400; step++) {
        now += rnd.nextInt(3);
        Session session = sessions.get(rnd.nextInt(sessions.size()));
        int op = rnd.nextInt(100);
        if (op < 45) { // a DELIVER: new SERIAL, or a repeat of one this account used
          String serial =
              rnd.nextInt(4) == 0 && nextSerial > 0
                  ? "S" + rnd.nextInt(nextSerial)
                  : "S" + nextSerial++;
          String gw = s.nextGwSerial();
          SerialClaim c = s.claimSerial(session.account, serial, gw, now, session.batch);
          if (c.isBusy() || c.isDuplicate()) {
            continue;
          }
          if (rnd.nextInt(10) == 0) { // refused after the claim (TPS, quota)
            s.releaseSerial(c, session.batch);
            continue;
          }
          s.storeReport(session.account, report(serial, gw), now, MONTH, c, session.batch);
          Message m = new Message(session.account, serial, gw, now);
          session.decided.add(m);
          byGw.put(gw, m);
        } else if (op < 70) { // end of a read batch
          s.write(session.batch);
          for (Message m : session.decided) {
            m.written = true;
            latestWritten.put(m.account + '\u0000' + m.serial, m);
            quotaWritten.merge(m.account, 1L, Long::sum);
          }
          session.decided.clear();
        } else if (op < 89) { // a REPORT_ACK for a due report of the account
          List<PendingReport> taken = s.take(session.account, null, now, 5);
          if (!taken.isEmpty()) {
            PendingReport p = taken.get(rnd.nextInt(taken.size()));
            assertThat(s.acknowledge(session.account, p, acks))
                .as("seed %d: a taken report is acknowledged", seed)
                .isTrue();
            Message m = byGw.get(p.report().gwSerial());
            m.ackDecided = true;
            acksPending.add(m);
            s.release(session.account, taken); // the others' ACKs did not come
          }
          if (rnd.nextBoolean()) {
            s.write(acks);
            acksPending.forEach(m -> m.ackWritten = true);
            acksPending.clear();
          }
        } else if (op < 97) {
          sweptSerials += s.sweepSerials(now);
        } else { // kill -9 now
          crashes++;
          verifyAfterCrash(s, byGw, latestWritten, quotaWritten, now, seed);
        }
      }
      crashes++;
      verifyAfterCrash(s, byGw, latestWritten, quotaWritten, now, seed);
    }
    assertThat(crashes).isPositive();
    assertThat(sweptSerials).as("seed %d: the run dropped SERIAL buckets", seed).isPositive();
  }

  private void verifyAfterCrash(
      ReportStore s,
      Map<String, Message> byGw,
      Map<String, Message> latestWritten,
      Map<String, Long> quotaWritten,
      long now,
      long seed)
      throws IOException {
    Path copy = KillNineCopy.of(s, dir);
    try (ReportStore after = KillNineCopy.open(copy, WINDOW, BUCKET, 1_000)) {
      for (Map.Entry<String, Long> q : quotaWritten.entrySet()) {
        assertThat(after.quotas().get(q.getKey()))
            .as("seed %d: quota use of %s", seed, q.getKey())
            .isEqualTo(Map.entry(MONTH, q.getValue()));
      }
      Set<String> pendingAfter = new HashSet<>(); // GWSERIALs
      for (String a : ACCOUNTS) {
        for (PendingReport p : after.due(a, null, Long.MAX_VALUE / 2, 100_000)) {
          assertThat(pendingAfter.add(p.report().gwSerial()))
              .as("seed %d: report listed once", seed)
              .isTrue();
        }
      }
      for (Message m : byGw.values()) {
        String what = m.account + "/" + m.serial + "/" + m.gw;
        if (!m.written) {
          assertThat(pendingAfter)
              .as("seed %d: report of an unwritten message %s survived", seed, what)
              .doesNotContain(m.gw);
        } else if (m.ackWritten) {
          assertThat(pendingAfter)
              .as("seed %d: acknowledged report %s came back", seed, what)
              .doesNotContain(m.gw);
        } else if (!m.ackDecided) {
          assertThat(pendingAfter)
              .as("seed %d: report of a written message %s lost", seed, what)
              .contains(m.gw);
        }
      }
      for (Map.Entry<String, Message> e : latestWritten.entrySet()) {
        Message m = e.getValue();
        SerialRecord r = after.serial(m.account, m.serial);
        if (now - m.acceptedAt < WINDOW) {
          assertThat(r)
              .as("seed %d: SERIAL %s of a written message in the window", seed, e.getKey())
              .isNotNull();
          assertThat(r.gwSerial()).as("seed %d: %s", seed, e.getKey()).isEqualTo(m.gw);
        } else if (r != null) {
          assertThat(byGw.get(r.gwSerial()).written)
              .as("seed %d: SERIAL %s of an unwritten message", seed, e.getKey())
              .isTrue();
        }
      }
    }
    KillNineCopy.delete(copy);
  }

  private static Report report(String serial, String gw) {
    return new Report(
        0,
        ReportMessage.EMPTY,
        "01020001234",
        serial,
        gw,
        LocalDateTime.of(2026, 1, 1, 0, 0),
        Telco.KT);
  }
}
