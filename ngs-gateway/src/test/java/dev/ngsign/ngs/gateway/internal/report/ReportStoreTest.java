package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class ReportStoreTest {
  private static final long DAY = 86_400_000L;
  private static final YearMonth MONTH = YearMonth.of(2026, 11);

  @TempDir Path dir;

  private static Report report(String serial, String gw) {
    return new Report(
        0,
        ReportMessage.EMPTY,
        "01020001234",
        serial,
        gw,
        LocalDateTime.of(2026, 1, 1, 0, 0),
        Telco.SK);
  }

  private static ReportStore open(Path d, long windowMillis, long now) {
    return KillNineCopy.open(d, windowMillis, 0, now);
  }

  /**
   * What the deliver path does for a new message: claim its SERIAL, store its report (not yet
   * written).
   */
  private static void accept(
      ReportStore s, String account, String serial, long due, StoreBatch batch) {
    String gw = s.nextGwSerial();
    SerialClaim c = s.claimSerial(account, serial, gw, due, batch);
    assertThat(c.isDuplicate() || c.isBusy()).isFalse();
    s.storeReport(account, report(serial, gw), due, MONTH, c, batch);
  }

  @Test
  void reportsOfAnAccountComeInDueOrderAndOnlyWhenDue() {
    try (ReportStore s = open(null, DAY, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      accept(s, "a", "2", 200, b);
      accept(s, "ab", "3", 50, b); // an ID that extends another ID
      accept(s, "b", "4", 50, b);
      s.write(b);
      assertThat(s.due("a", null, 150, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("1");
      assertThat(s.due("a", null, 99, 10)).isEmpty();
      List<PendingReport> both = s.due("a", null, 1_000, 10);
      assertThat(both).extracting(p -> p.report().serial()).containsExactly("1", "2");
      assertThat(s.due("a", both.get(0), 1_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("2");
      assertThat(s.due("a", null, 1_000, 1))
          .extracting(p -> p.report().serial())
          .containsExactly("1");
      assertThat(s.pending("a")).isEqualTo(2);
      assertThat(s.pending("ab")).isEqualTo(1);
      assertThat(s.acknowledge("a", both.get(0), b))
          .as("read with due(), not taken: nobody sent it")
          .isFalse();
      PendingReport first = s.take("a", null, 1_000, 1).get(0);
      assertThat(first.report().serial()).isEqualTo("1");
      assertThat(s.acknowledge("a", first, b)).isTrue();
      assertThat(s.acknowledge("a", first, b)).as("its deletion is in a batch already").isFalse();
      s.write(b);
      assertThat(s.acknowledge("a", first, b)).as("deleted").isFalse();
      assertThat(s.due("a", null, 1_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("2");
      assertThat(s.pending("a")).isEqualTo(1);
      assertThat(s.pendingTotal()).isEqualTo(3);
      assertThat(((RocksReportStore) s).inFlight("a")).as("the deletion is written").isZero();
    }
  }

  /**
   * Two report sessions of one account: a report goes to one of them at a time, comes back to the
   * other only when given back, and its deletion counts once whoever acknowledges.
   */
  @Test
  void aTakenReportIsWithOneSessionUntilAcknowledgedOrReleased() {
    try (ReportStore s = open(null, DAY, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      accept(s, "a", "2", 200, b);
      accept(s, "a", "3", 300, b);
      s.write(b);
      List<PendingReport> first = s.take("a", null, 1_000, 2);
      assertThat(first).extracting(p -> p.report().serial()).containsExactly("1", "2");
      assertThat(s.take("a", null, 1_000, 10))
          .as("the second session waits at the first report the first session has")
          .isEmpty();
      assertThat(s.take("a", first.get(1), 1_000, 10))
          .as("after it, the rest is free")
          .extracting(p -> p.report().serial())
          .containsExactly("3");
      assertThat(s.due("a", null, 1_000, 10)).as("reading sees them all").hasSize(3);

      StoreBatch acks = new StoreBatch();
      assertThat(s.acknowledge("a", first.get(0), acks)).isTrue();
      s.release("a", List.of(first.get(1))); // the first session ended without its ACK
      s.release("a", List.of(first.get(0))); // acknowledged: not given back
      assertThat(s.take("a", null, 1_000, 10))
          .as("the acknowledged report is being deleted: not to be taken, nor passed")
          .isEmpty();
      s.write(acks);
      assertThat(s.take("a", null, 1_000, 10))
          .as("deleted; the released one is free again, '3' is taken already")
          .extracting(p -> p.report().serial())
          .containsExactly("2");
      assertThat(s.pending("a")).isEqualTo(2);
      assertThat(s.acknowledge("a", first.get(0), acks))
          .as("an ACK of a deleted report from a session that had it before")
          .isFalse();
      assertThat(s.acknowledge("a", first.get(1), acks))
          .as("released by the first session, now the second's: its ACK counts once")
          .isTrue();
      assertThat(s.acknowledge("a", first.get(1), acks)).isFalse();
      s.write(acks);
      assertThat(s.pending("a")).isEqualTo(1);
      assertThat(s.due("a", null, 1_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("3");
    }
  }

  /**
   * A batch whose write fails deletes nothing: its acknowledged reports count as waiting again, and
   * no session holds them any more.
   */
  @Test
  void acknowledgementsOfAFailedWriteAreWaitingAgain() {
    ReportStore s = open(dir, DAY, 1_000);
    StoreBatch b = new StoreBatch();
    accept(s, "a", "1", 100, b);
    s.write(b);
    PendingReport p = s.take("a", null, 1_000, 1).get(0);
    StoreBatch acks = new StoreBatch();
    assertThat(s.acknowledge("a", p, acks)).isTrue();
    assertThat(s.pending("a")).isZero();
    s.close();
    assertThatThrownBy(() -> s.write(acks)).isInstanceOf(StoreException.class);
    assertThat(s.pending("a")).as("counted as waiting again").isEqualTo(1);
    assertThat(((RocksReportStore) s).inFlight("a")).isZero();
  }

  @Test
  void aReportIsNotDueBeforeItsBatchIsWritten() {
    try (ReportStore s = open(dir, DAY, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      assertThat(s.due("a", null, 1_000, 10)).isEmpty();
      s.write(b);
      assertThat(b.isEmpty()).isTrue();
      assertThat(s.due("a", null, 1_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("1");
    }
  }

  @Test
  void writtenBatchesSurviveAKillAndAcknowledgementsStayDeleted() throws IOException {
    try (ReportStore s = open(dir, DAY, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      accept(s, "a", "2", 200, b);
      accept(s, "a", "3", 300, b);
      s.write(b);
      StoreBatch unwritten = new StoreBatch();
      accept(s, "a", "4", 400, unwritten); // its ACK never went out: lost with the process
      PendingReport first = s.take("a", null, 1_000, 1).get(0);
      StoreBatch acks = new StoreBatch();
      assertThat(s.acknowledge("a", first, acks)).isTrue();
      s.write(acks);
      Path crashed = KillNineCopy.of(s, dir);
      try (ReportStore after = open(crashed, DAY, 1_000)) {
        assertThat(after.due("a", null, 1_000, 10))
            .extracting(p -> p.report().serial())
            .containsExactly("2", "3");
        assertThat(after.pending("a")).isEqualTo(2);
        assertThat(after.serial("a", "1")).isNotNull();
        assertThat(after.serial("a", "3").gwSerial()).isEqualTo(s.serial("a", "3").gwSerial());
        assertThat(after.serial("a", "4"))
            .as("a re-sent DELIVER must not look like a duplicate")
            .isNull();
        assertThat(after.quotas().get("a"))
            .as("quota use of the written messages only")
            .isEqualTo(java.util.Map.entry(MONTH, 3L));
        assertThat(after.nextGwSerial()).isGreaterThan(s.nextGwSerial());
      }
      KillNineCopy.delete(crashed);
    }
  }

  @Test
  void quotaUseIsWrittenWithItsMessagesAndTheLatestMonthIsRestored() throws IOException {
    try (ReportStore s = open(dir, DAY, 1_000)) {
      StoreBatch b = new StoreBatch();
      for (int i = 0; i < 5; i++) {
        accept(s, "a", "S" + i, 100, b);
      }
      s.write(b);
      String gw = s.nextGwSerial();
      SerialClaim c = s.claimSerial("a", "next", gw, 200, b);
      s.storeReport("a", report("next", gw), 200, MONTH.plusMonths(1), c, b);
      s.write(b);
      accept(s, "b", "T", 100, b); // not written: not counted
      Path crashed = KillNineCopy.of(s, dir);
      try (ReportStore after = open(crashed, DAY, 1_000)) {
        assertThat(after.quotas()).containsOnlyKeys("a");
        assertThat(after.quotas().get("a")).isEqualTo(java.util.Map.entry(MONTH.plusMonths(1), 1L));
      }
      KillNineCopy.delete(crashed);
    }
  }

  @Test
  void aDuplicateOfAMessageAnotherSessionHasNotYetWrittenIsBusyNotOk() {
    try (ReportStore s = open(dir, 1_000, 1_000)) {
      StoreBatch sessionA = new StoreBatch();
      StoreBatch sessionB = new StoreBatch();
      accept(s, "a", "X", 100, sessionA);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 110, sessionB).isBusy()).isTrue();
      SerialClaim sameBatch = s.claimSerial("a", "X", s.nextGwSerial(), 110, sessionA);
      assertThat(sameBatch.isDuplicate()).as("written together with the original").isTrue();
      s.write(sessionA);
      SerialClaim later = s.claimSerial("a", "X", s.nextGwSerial(), 120, sessionB);
      assertThat(later.isBusy()).isFalse();
      assertThat(later.isDuplicate()).isTrue();
      s.write(sessionB);
      assertThat(s.serial("a", "X").acceptedDelivers()).isEqualTo(3);
      assertThat(s.pending("a")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"store-1.log", "gateway.mv.db", "journal-3.log"})
  void aDataDirectoryOfAnEarlierBuildIsRefusedWithAMessageSayingHowToStartFresh(String oldFile)
      throws IOException {
    Files.writeString(dir.resolve(oldFile), "old");
    assertThatThrownBy(() -> open(dir, DAY, 0))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining(oldFile)
        .hasMessageContaining("older")
        .hasMessageContaining("move the directory away or give a new --data-dir");
    assertThat(dir.resolve(oldFile)).as("left as it was").hasContent("old");
    assertThat(dir.resolve("CURRENT")).doesNotExist();
  }

  @Test
  void aDataDirectoryOfTheFirstRocksDbLayoutIsRefusedWithAMessageSayingHowToStartFresh()
      throws RocksDBException {
    try (Options o = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(o, dir.toString());
        ColumnFamilyHandle shared =
            db.createColumnFamily(
                new ColumnFamilyDescriptor("reports".getBytes(StandardCharsets.US_ASCII)))) {
      assertThat(shared.getName()).isEqualTo("reports".getBytes(StandardCharsets.US_ASCII));
    }
    assertThatThrownBy(() -> open(dir, DAY, 0))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("earlier build")
        .hasMessageContaining("move the directory away or give a new --data-dir");
  }

  /**
   * {@code fsync} syncs the write-ahead log of a store in a data directory; a temporary store (no
   * data directory) keeps no log, and the option must not make its writes fail.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void writesSucceedWithFsyncInADataDirectoryAndInATemporaryStore(boolean temporary) {
    Path d = temporary ? null : dir;
    try (ReportStore s =
        ReportStore.open(new StoreOptions(d, Duration.ofDays(1), true, 8, 8, 0), 0)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "S1", 10, b);
      s.write(b);
      assertThat(s.due("a", null, 10, 10)).hasSize(1);
    }
    if (!temporary) {
      try (ReportStore s = open(dir, DAY, 20)) {
        assertThat(s.pending("a")).isEqualTo(1);
        assertThat(s.serial("a", "S1")).isNotNull();
      }
    }
  }

  @Test
  void aSweepDropsWholeBucketsOnceAllTheirSerialsExpiredAndKeepsWaitingReports()
      throws IOException {
    long window = 1_000;
    try (ReportStore s = KillNineCopy.open(dir, window, 250, 0)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "old", 100, b); // bucket [0, 250)
      accept(s, "a", "edge", 249, b);
      s.write(b);
      accept(s, "a", "young", 300, b); // bucket [250, 500)
      s.write(b);
      RocksReportStore r = (RocksReportStore) s;
      assertThat(r.serialBuckets()).isEqualTo(2);
      assertThat(s.sweepSerials(1_249)).as("'edge' is 1,000 ms old only at 1,249").isZero();
      assertThat(s.serial("a", "edge")).isNotNull();
      assertThat(s.sweepSerials(1_250)).isEqualTo(2);
      assertThat(s.serial("a", "old")).as("its bucket was dropped").isNull();
      assertThat(s.serial("a", "edge")).isNull();
      assertThat(s.serial("a", "young")).isNotNull();
      assertThat(s.due("a", null, 5_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("old", "edge", "young");
      SerialClaim again = s.claimSerial("a", "old", s.nextGwSerial(), 1_260, b);
      assertThat(again.isDuplicate()).as("an expired SERIAL is a new message").isFalse();
      assertThat(again.previous()).as("forgotten").isNull();
      s.releaseSerial(again, b);
      s.write(b);
    }
    try (ReportStore s = KillNineCopy.open(dir, window, 250, 1_300)) {
      assertThat(s.serial("a", "old")).as("dropped for good").isNull();
      assertThat(s.serial("a", "young")).isNotNull();
      assertThat(s.pending("a")).isEqualTo(3);
    }
  }

  @Test
  void aDuplicateCountedIntoABucketDroppedBeforeItsBatchIsWrittenIsLeftOut() {
    try (ReportStore s = KillNineCopy.open(dir, 1_000, 250, 0)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "X", 100, b);
      s.write(b);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 1_099, b).isDuplicate()).isTrue();
      s.sweepSerials(
          1_250); // the housekeeping thread, between the claim and the end of the read batch
      s.write(b);
      assertThat(s.serial("a", "X")).isNull();
      assertThat(s.pending("a")).isEqualTo(1);
    }
  }

  @Test
  void aReleasedClaimLeavesTheSerialAsItWas() {
    try (ReportStore s = open(null, 100, 0)) {
      StoreBatch b = new StoreBatch();
      SerialClaim first = s.claimSerial("a", "X", "0000000000000001", 0, b);
      s.releaseSerial(first, b);
      s.write(b);
      assertThat(s.serial("a", "X")).isNull();
      SerialClaim kept = s.claimSerial("a", "X", "0000000000000002", 0, b);
      s.storeReport("a", report("X", "0000000000000002"), 0, MONTH, kept, b);
      s.write(b);
      SerialClaim later = s.claimSerial("a", "X", "0000000000000003", 500, b); // window expired
      assertThat(later.isDuplicate()).isFalse();
      assertThat(later.previous().gwSerial()).isEqualTo("0000000000000002");
      s.releaseSerial(later, b);
      s.write(b);
      assertThat(s.serial("a", "X").gwSerial()).isEqualTo("0000000000000002");
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(1);
      SerialClaim again = s.claimSerial("a", "X", "0000000000000004", 600, b);
      s.storeReport("a", report("X", "0000000000000004"), 600, MONTH, again, b);
      s.write(b);
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(2);
      assertThat(s.serial("a", "X").gwSerial()).isEqualTo("0000000000000004");
    }
  }

  @Test
  void storedReportsKeepEveryField() {
    Report r =
        new Report(
            4005,
            ReportMessage.parse("K2103,TS"),
            "01000072103",
            "a|b~c",
            "0000000000000042",
            LocalDateTime.of(2026, 11, 24, 9, 5, 7),
            Telco.KKO);
    assertThat(StoredReport.decode(StoredReport.encode(r))).isEqualTo(r);
    Report noTime =
        new Report(0, ReportMessage.EMPTY, "01020001234", "S", "0000000000000043", null, Telco.ETC);
    assertThat(StoredReport.decode(StoredReport.encode(noTime))).isEqualTo(noTime);
    // the encoder's other path: fields beyond ASCII (a surrogate pair too) in UTF-8
    Report wide =
        new Report(
            0,
            ReportMessage.EMPTY,
            "01020001234",
            "가\uD83D\uDE00",
            "0000000000000044",
            null,
            Telco.SK);
    assertThat(StoredReport.decode(StoredReport.encode(wide))).isEqualTo(wide);
  }

  @Test
  void reportKeysSortByDueTimeThenGwSerial() {
    byte[] early = StoredReport.key(255, 1L << 40);
    byte[] later = StoredReport.key(256, 1);
    assertThat(java.util.Arrays.compareUnsigned(early, later)).isNegative();
    assertThat(java.util.Arrays.compareUnsigned(StoredReport.bound(256), early)).isPositive();
    assertThat(java.util.Arrays.compareUnsigned(StoredReport.bound(256), later)).isNegative();
    assertThat(StoredReport.dueAt(later)).isEqualTo(256);
    assertThat(StoredReport.gwSerial(early)).isEqualTo(1L << 40);
  }

  @Test
  void gwSerialsAreFifteenDigitsAndGrowAcrossRestarts() {
    String last;
    try (ReportStore s = open(dir, DAY, 1_700_000_000_000L)) {
      String a = s.nextGwSerial();
      last = s.nextGwSerial();
      assertThat(a).hasSize(15).containsOnlyDigits();
      assertThat(last).isGreaterThan(a);
    }
    try (ReportStore s = open(dir, DAY, 1_600_000_000_000L)) { // even with a clock set back
      assertThat(s.nextGwSerial()).isGreaterThan(last);
    }
  }

  @Test
  void serialRecordsPersistAcrossARestart() {
    try (ReportStore s = open(dir, 1_000, 0)) {
      String gw = s.nextGwSerial();
      StoreBatch b = new StoreBatch();
      SerialClaim c = s.claimSerial("a", "X", gw, 10, b);
      assertThat(c.isDuplicate()).isFalse();
      s.storeReport("a", report("X", gw), 10, MONTH, c, b);
      s.write(b);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 20, b).isDuplicate()).isTrue();
      s.write(b);
    }
    try (ReportStore s = open(dir, 1_000, 0)) {
      SerialRecord r = s.serial("a", "X");
      assertThat(r.distinctMessages()).isEqualTo(1);
      assertThat(r.acceptedDelivers()).isEqualTo(2);
      assertThat(r.firstAcceptedMillis()).isEqualTo(10);
      assertThat(s.pending("a")).isEqualTo(1);
    }
  }

  @Test
  void withFsyncTheSameBatchesAreWritten() {
    try (ReportStore s =
        ReportStore.open(new StoreOptions(dir, Duration.ofDays(1), true, 8, 8, 0), 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      s.write(b);
    }
    try (ReportStore s = open(dir, DAY, 1_000)) {
      assertThat(s.due("a", null, 1_000, 10))
          .extracting(p -> p.report().serial())
          .containsExactly("1");
    }
  }

  @Test
  void aClosedStoreRefusesWorkWithATypedError() {
    ReportStore s = open(dir, DAY, 1_000);
    StoreBatch b = new StoreBatch();
    accept(s, "a", "1", 100, b);
    s.write(b);
    s.close();
    assertThatThrownBy(() -> s.due("a", null, 1_000, 10))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    s.close(); // twice is fine
  }
}
