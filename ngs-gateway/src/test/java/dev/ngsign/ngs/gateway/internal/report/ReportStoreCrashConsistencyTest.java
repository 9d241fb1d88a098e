package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random runs of what the gateway does to its store — sessions deciding DELIVERs into batches, writing them,
 * repeating SERIALs, refusing some, report sessions acknowledging, checkpoints — with a kill -9 simulated at
 * random moments (a copy of the data directory taken without a close, then opened). After every such crash:
 * every message whose batch was written (its ACK may have gone out) has its SERIAL record, and its report
 * unless that report's acknowledgement was written; no message whose batch was not written has either; a
 * report never appears without its SERIAL. Seeded, so a failure names the seed that reproduces it.
 */
class ReportStoreCrashConsistencyTest {
  private static final long WINDOW = 86_400_000L;
  private static final String[] ACCOUNTS = {"a", "b", "ab"};

  @TempDir Path dir;

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 0x5EEDL * 31 + i);
  }

  /** One session's view: its batch and the messages decided into it. */
  private static final class Session {
    final String account;
    final StoreBatch batch = new StoreBatch();
    final List<String> decided = new ArrayList<>(); // SERIALs of new messages in the unwritten batch

    Session(String account) {
      this.account = account;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aCrashAtAnyMomentKeepsExactlyWhatWasWritten(long seed) throws IOException {
    Random rnd = new Random(seed);
    // account NUL serial -> written (ACK may be out); serial -> gwSerial
    Set<String> written = new HashSet<>();
    Set<String> ackWritten = new HashSet<>(); // account NUL serial whose REPORT_ACK deletion was journaled
    Map<String, String> gwOf = new HashMap<>();
    int crashes = 0;
    try (ReportStore s = ReportStore.open(dir, 1, 0, 1_000)) {
      List<Session> sessions = new ArrayList<>();
      for (String a : ACCOUNTS) {
        sessions.add(new Session(a));
      }
      StoreBatch acks = new StoreBatch();
      Set<String> acksPending = new HashSet<>();
      long now = 1_000;
      int nextSerial = 0;
      for (int step = 0; step < 300; step++) {
        now += rnd.nextInt(3);
        Session session = sessions.get(rnd.nextInt(sessions.size()));
        int op = rnd.nextInt(100);
        if (op < 45) { // a DELIVER: new SERIAL, or a repeat of one this account used
          String serial = rnd.nextInt(5) == 0 && nextSerial > 0 ? "S" + rnd.nextInt(nextSerial) : "S" + nextSerial++;
          String key = session.account + '\u0000' + serial;
          String gw = s.nextGwSerial();
          SerialClaim c = s.claimSerial(session.account, serial, gw, now, WINDOW, session.batch);
          if (c.isBusy() || c.isDuplicate()) {
            continue;
          }
          if (rnd.nextInt(10) == 0) { // refused after the claim (TPS, quota)
            s.releaseSerial(c, session.batch);
            continue;
          }
          s.storeReport(session.account, report(serial, gw), now, c, session.batch);
          session.decided.add(key);
          gwOf.put(key, gw);
        } else if (op < 70) { // end of a read batch
          s.write(session.batch);
          written.addAll(session.decided);
          session.decided.clear();
        } else if (op < 85) { // a REPORT_ACK for a due report of the account
          List<PendingReport> due = s.due(session.account, null, now, 5);
          if (!due.isEmpty()) {
            PendingReport p = due.get(rnd.nextInt(due.size()));
            if (s.acknowledge(p.key(), acks)) {
              acksPending.add(session.account + '\u0000' + p.report().serial());
            }
          }
          if (rnd.nextBoolean()) {
            s.write(acks);
            ackWritten.addAll(acksPending);
            acksPending.clear();
          }
        } else if (op < 92) {
          s.checkpoint();
        } else { // kill -9 now
          crashes++;
          verifyAfterCrash(s, written, ackWritten, acksPending, gwOf, seed);
        }
      }
      crashes++;
      verifyAfterCrash(s, written, ackWritten, acksPending, gwOf, seed);
    }
    assertThat(crashes).isPositive();
  }

  private void verifyAfterCrash(ReportStore live, Set<String> written, Set<String> ackWritten,
      Set<String> acksUnwritten, Map<String, String> gwOf, long seed) throws IOException {
    Path copy = crashCopy();
    try (ReportStore after = ReportStore.open(copy, 1, 0, 1_000)) {
      Map<String, String> pendingAfter = new HashMap<>(); // account NUL serial -> gwSerial
      for (String a : ACCOUNTS) {
        for (PendingReport p : after.due(a, null, Long.MAX_VALUE / 2, 100_000)) {
          pendingAfter.put(a + '\u0000' + p.report().serial(), p.report().gwSerial());
        }
      }
      for (String key : gwOf.keySet()) {
        String account = key.substring(0, key.indexOf('\u0000'));
        String serial = key.substring(key.indexOf('\u0000') + 1);
        SerialRecord r = after.serial(account, serial);
        if (written.contains(key)) {
          assertThat(r).as("seed %d: SERIAL of a written message %s", seed, key).isNotNull();
          assertThat(r.gwSerial()).as("seed %d: %s", seed, key).isEqualTo(gwOf.get(key));
          if (ackWritten.contains(key)) {
            assertThat(pendingAfter).as("seed %d: acknowledged report %s came back", seed, key).doesNotContainKey(key);
          } else if (!acksUnwritten.contains(key)) {
            assertThat(pendingAfter).as("seed %d: report of a written message %s", seed, key)
                .containsEntry(key, gwOf.get(key));
          }
        } else {
          assertThat(r).as("seed %d: SERIAL of an unwritten message %s survived", seed, key).isNull();
          assertThat(pendingAfter).as("seed %d: report of an unwritten message %s survived", seed, key)
              .doesNotContainKey(key);
        }
      }
      assertThat(pendingAfter.keySet()).as("seed %d: only known reports", seed)
          .isSubsetOf(gwOf.keySet().stream().filter(written::contains).collect(Collectors.toSet()));
    }
    deleteTree(copy);
    assertThat(live.pendingTotal()).isNotNegative();
  }

  private static Report report(String serial, String gw) {
    return new Report(0, ReportMessage.EMPTY, "01020001234", serial, gw, LocalDateTime.of(2026, 1, 1, 0, 0), Telco.KT);
  }

  private Path crashCopy() throws IOException {
    Path copy = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-crash-" + System.nanoTime()));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  private static void deleteTree(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(d);
  }
}
