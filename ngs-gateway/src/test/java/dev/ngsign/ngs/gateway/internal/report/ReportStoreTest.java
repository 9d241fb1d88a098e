package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {
  @TempDir Path dir;

  private static Report report(String serial, String gw) {
    return new Report(0, ReportMessage.EMPTY, "01020001234", serial, gw, LocalDateTime.of(2026, 1, 1, 0, 0), Telco.SK);
  }

  /** What the deliver path does for a new message: claim its SERIAL, store its report (not yet written). */
  private static void accept(ReportStore s, String account, String serial, long due, StoreBatch batch) {
    String gw = s.nextGwSerial();
    SerialClaim c = s.claimSerial(account, serial, gw, due, 86_400_000L, batch);
    assertThat(c.isDuplicate() || c.isBusy()).isFalse();
    s.storeReport(account, report(serial, gw), due, c, batch);
  }

  private static List<Path> segments(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.filter(f -> f.getFileName().toString().startsWith("store-")).sorted().toList();
    }
  }

  private static Path onlySegment(Path d) throws IOException {
    List<Path> all = segments(d);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void reportsOfAnAccountComeInDueOrderAndOnlyWhenDue() {
    try (ReportStore s = ReportStore.open(null, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      accept(s, "a", "2", 200, b);
      accept(s, "ab", "3", 50, b); // an ID that extends another ID
      accept(s, "b", "4", 50, b);
      s.write(b);
      assertThat(s.due("a", null, 150, 10)).extracting(p -> p.report().serial()).containsExactly("1");
      List<PendingReport> both = s.due("a", null, 1_000, 10);
      assertThat(both).extracting(p -> p.report().serial()).containsExactly("1", "2");
      assertThat(s.due("a", both.get(0), 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("2");
      assertThat(s.pending("a")).isEqualTo(2);
      assertThat(s.pending("ab")).isEqualTo(1);
      assertThat(s.acknowledge("a", both.get(0), b)).isTrue();
      assertThat(s.acknowledge("a", both.get(0), b)).isFalse();
      assertThat(s.pending("a")).isEqualTo(1);
      assertThat(s.pendingTotal()).isEqualTo(3);
    }
  }

  @Test
  void aReportIsNotDueBeforeItsBatchIsWrittenToTheJournal() {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      assertThat(s.due("a", null, 1_000, 10)).isEmpty();
      s.write(b);
      assertThat(b.isEmpty()).isTrue();
      assertThat(s.due("a", null, 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("1");
    }
  }

  @Test
  void writtenBatchesSurviveAKillAndAcknowledgementsStayDeleted() throws IOException {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      accept(s, "a", "2", 200, b);
      accept(s, "a", "3", 300, b);
      s.write(b);
      StoreBatch unwritten = new StoreBatch();
      accept(s, "a", "4", 400, unwritten); // its ACK never went out: may be lost
      PendingReport first = s.due("a", null, 1_000, 1).get(0);
      StoreBatch acks = new StoreBatch();
      s.acknowledge("a", first, acks);
      s.write(acks);
      s.saveQuota("a", YearMonth.of(2026, 11), 3);
      Path crashed = KillNineCopy.of(dir);
      try (ReportStore after = ReportStore.open(crashed, 1_000)) {
        assertThat(after.due("a", null, 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("2", "3");
        assertThat(after.serial("a", "1")).isNotNull();
        assertThat(after.serial("a", "3").gwSerial()).isEqualTo(s.serial("a", "3").gwSerial());
        assertThat(after.quotas().get("a").getValue()).isEqualTo(3);
        assertThat(after.nextGwSerial()).isGreaterThan(s.nextGwSerial());
        assertThat(segments(crashed)).as("the replayed segment is kept, appends go to a new one").hasSize(2);
      }
    }
  }

  @Test
  void aTornOrCorruptTailEndsTheReplayAndKeepsEverythingBeforeIt() throws IOException {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b);
      s.write(b);
      Path torn = KillNineCopy.of(dir);
      Path corrupt = KillNineCopy.of(dir);
      StoreBatch next = new StoreBatch();
      accept(s, "a", "2", 200, next);
      byte[] records = Arrays.copyOf(next.records().array(), next.records().remaining());
      Files.write(onlySegment(torn), Arrays.copyOf(records, records.length - 7), StandardOpenOption.APPEND);
      records[records.length - 1] ^= 1; // last byte of the last record's value: CRC no longer matches
      Files.write(onlySegment(corrupt), records, StandardOpenOption.APPEND);
      for (Path d : List.of(torn, corrupt)) {
        try (ReportStore after = ReportStore.open(d, 1_000)) {
          assertThat(after.due("a", null, 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("1");
        }
      }
    }
  }

  @Test
  void aDuplicateOfAMessageAnotherSessionHasNotYetJournaledIsBusyNotOk() {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch sessionA = new StoreBatch();
      StoreBatch sessionB = new StoreBatch();
      accept(s, "a", "X", 100, sessionA);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 110, 1_000, sessionB).isBusy()).isTrue();
      SerialClaim sameBatch = s.claimSerial("a", "X", s.nextGwSerial(), 110, 1_000, sessionA);
      assertThat(sameBatch.isDuplicate()).as("written together with the original").isTrue();
      s.write(sessionA);
      SerialClaim later = s.claimSerial("a", "X", s.nextGwSerial(), 120, 1_000, sessionB);
      assertThat(later.isBusy()).isFalse();
      assertThat(later.isDuplicate()).isTrue();
      s.write(sessionB);
      assertThat(s.serial("a", "X").acceptedDelivers()).isEqualTo(3);
    }
  }

  @Test
  void aDataDirectoryOfAnEarlierBuildIsMovedIntoTheLogOnce() throws IOException {
    // the oldest builds kept String values in maps named "reports" and "serials"; the last MVStore build
    // kept UTF-8 values in "reports.utf8" and "serials.utf8", with a redo log (journal-<n>.log) in front
    Report r1 = report("S1", "000000000000077");
    Report r2 = report("S2", "000000000000078");
    Report r3 = report("S3", "000000000000079");
    try (MVStore old = new MVStore.Builder().fileName(dir.resolve("gateway.mv.db").toString()).open()) {
      old.openMap("reports", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
          .valueType(StringDataType.INSTANCE)).put(ReportStore.reportKey("a", 100, r1.gwSerial()), ReportStore.encode(r1));
      old.openMap("serials", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
          .valueType(StringDataType.INSTANCE)).put("a\u0000S1", "000000000000077|100|1|1");
      old.openMap("reports.utf8", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
          .valueType(ByteArrayDataType.INSTANCE)).put(ReportStore.reportKey("a", 200, r2.gwSerial()),
              ReportStore.encode(r2).getBytes(StandardCharsets.UTF_8));
      old.openMap("meta", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
          .valueType(StringDataType.INSTANCE)).put("quota|a", "2026-11|7");
    }
    StoreBatch journal = new StoreBatch(); // what the redo log held: report 3 added, report 2 acknowledged
    journal.record(StoreLog.PUT, StoreLog.SERIALS, "a\u0000S3", "000000000000079|300|1|1".getBytes(StandardCharsets.US_ASCII));
    journal.record(StoreLog.PUT, StoreLog.REPORTS, ReportStore.reportKey("a", 300, r3.gwSerial()),
        ReportStore.encode(r3).getBytes(StandardCharsets.UTF_8));
    journal.record(StoreLog.REMOVE, StoreLog.REPORTS, ReportStore.reportKey("a", 200, r2.gwSerial()), new byte[0]);
    Files.write(dir.resolve("journal-000000000001.log"),
        Arrays.copyOf(journal.records().array(), journal.records().remaining()));

    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      assertThat(s.due("a", null, 1_000, 10)).extracting(PendingReport::report).containsExactly(r1, r3);
      assertThat(s.serial("a", "S1")).isEqualTo(new SerialRecord("000000000000077", 100, 1, 1));
      assertThat(s.serial("a", "S3")).isEqualTo(new SerialRecord("000000000000079", 300, 1, 1));
      assertThat(s.quotas().get("a").getValue()).isEqualTo(7);
    }
    assertThat(dir.resolve("gateway.mv.db")).doesNotExist();
    assertThat(dir.resolve("gateway.mv.db.migrated")).as("kept as a backup").exists();
    assertThat(dir.resolve("journal-000000000001.log")).doesNotExist();
    try (ReportStore s = ReportStore.open(dir, 1_000)) { // from the log alone now
      assertThat(s.due("a", null, 1_000, 10)).extracting(PendingReport::report).containsExactly(r1, r3);
      assertThat(s.serial("a", "S3")).isNotNull();
    }
  }

  @Test
  void aSweepDeletesSegmentsWhoseSerialsExpiredAndKeepsTheirWaitingReports() throws IOException {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch b = new StoreBatch();
      for (int i = 0; i < 1_000; i++) {
        accept(s, "a", "S" + i, 10, b);
      }
      s.write(b);
      List<PendingReport> first = s.due("a", null, 10, 2);
      s.acknowledge("a", first.get(0), b); // report of S0 acknowledged: must stay deleted after the move
      s.write(b);
      s.saveQuota("a", YearMonth.of(2026, 11), 5);
      assertThat(s.sweepSerials(300, 1_000)).as("nothing expired yet").isZero();
      assertThat(segments(dir)).as("the current segment was sealed: its oldest SERIAL is a quarter window old")
          .hasSize(2);
      for (int i = 1_000; i < 2_000; i++) {
        accept(s, "a", "S" + i, 500, b);
      }
      s.write(b);

      assertThat(s.sweepSerials(1_050, 1_000)).isEqualTo(1_000);
      assertThat(segments(dir)).as("the first segment is gone").hasSize(2)
          .noneMatch(p -> p.getFileName().toString().equals("store-000000000001.log"));
      assertThat(s.claimSerial("a", "S1500", s.nextGwSerial(), 1_050, 1_000, b).isDuplicate()).isTrue();
      assertThat(s.claimSerial("a", "S5", s.nextGwSerial(), 1_050, 1_000, b).isDuplicate()).isFalse();
      assertThat(s.serial("a", "S5")).as("forgotten").isNull();
      b.clear();
      assertThat(s.pending("a")).as("waiting reports moved forward").isEqualTo(1_999);
      assertThat(s.due("a", null, 1_000, 1)).extracting(p -> p.report().serial()).containsExactly("S1");
    }
    try (ReportStore s = ReportStore.open(dir, 1_100)) {
      StoreBatch b = new StoreBatch();
      assertThat(s.claimSerial("a", "S1999", s.nextGwSerial(), 1_100, 1_000, b).isDuplicate()).isTrue();
      assertThat(s.claimSerial("a", "S5", s.nextGwSerial(), 1_100, 1_000, b).isDuplicate()).isFalse();
      assertThat(s.pending("a")).isEqualTo(1_999);
      assertThat(s.due("a", null, 1_000, 1)).extracting(p -> p.report().serial()).containsExactly("S1");
      assertThat(s.quotas().get("a").getValue()).as("meta moved forward too").isEqualTo(5);
    }
  }

  @Test
  void anExpiredSegmentStaysWhileAnOlderOneIsKeptSinceItsRemoveRecordsCancelReportsThere() throws IOException {
    try (ReportStore s = ReportStore.open(dir, 0)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "Y", 0, b);
      accept(s, "a", "X", 900, b);
      s.write(b);
      s.sweepSerials(900, 1_000); // seals segment 1: SERIALs accepted at 0 and 900, both reports
      assertThat(s.claimSerial("a", "Y", s.nextGwSerial(), 950, 1_000, b).isDuplicate()).isTrue();
      s.acknowledge("a", s.due("a", null, 0, 1).get(0), b); // Y's report: the remove record is in segment 2
      s.write(b);
      // segment 2 holds only a SERIAL record accepted at 0 (expired) and the remove record; segment 1 holds
      // X, still in the window: deleting segment 2 first would bring Y's report back after a restart
      assertThat(s.sweepSerials(1_100, 1_000)).isZero();
      assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
          .contains("store-000000000001.log", "store-000000000002.log");
    }
    try (ReportStore s = ReportStore.open(dir, 0)) {
      assertThat(s.due("a", null, 10_000, 10)).extracting(p -> p.report().serial()).containsExactly("X");
    }
  }

  @Test
  void aSweepLeavesASegmentAloneWhileABatchWrittenThereIsBeingIndexed() {
    try (ReportStore s = ReportStore.open(dir, 0, 64)) { // every batch fills its segment: sealed at once
      StoreBatch b = new StoreBatch();
      accept(s, "a", "X", 0, b);
      s.write(b);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 10, 1_000, b).isDuplicate()).isTrue();
      accept(s, "a", "Y", 10, b);
      // the sweep comes after the append and before the indexes know the batch: its segment is sealed,
      // and nothing the indexes know of holds it
      s.write(b, () -> s.sweepSerials(5_000, 1_000));
      assertThat(s.serial("a", "Y")).as("the index does not point into a deleted segment").isNotNull();
      assertThat(s.due("a", null, 5_000, 10)).extracting(p -> p.report().serial()).containsExactly("X", "Y");
      s.sweepSerials(5_000, 1_000); // now the batch's segment may go: its report is moved forward
      assertThat(s.serial("a", "Y")).as("expired and forgotten").isNull();
      assertThat(s.due("a", null, 5_000, 10)).extracting(p -> p.report().serial()).containsExactly("X", "Y");
    }
  }

  @Test
  void aReleasedClaimLeavesTheSerialAsItWas() {
    try (ReportStore s = ReportStore.open(null, 0)) {
      StoreBatch b = new StoreBatch();
      SerialClaim first = s.claimSerial("a", "X", "0000000000000001", 0, 100, b);
      s.releaseSerial(first, b);
      s.write(b);
      assertThat(s.serial("a", "X")).isNull();
      SerialClaim kept = s.claimSerial("a", "X", "0000000000000002", 0, 100, b);
      s.storeReport("a", report("X", "0000000000000002"), 0, kept, b);
      s.write(b);
      SerialClaim later = s.claimSerial("a", "X", "0000000000000003", 500, 100, b); // window expired
      assertThat(later.isDuplicate()).isFalse();
      assertThat(later.previous().gwSerial()).isEqualTo("0000000000000002");
      s.releaseSerial(later, b);
      s.write(b);
      assertThat(s.serial("a", "X").gwSerial()).isEqualTo("0000000000000002");
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(1);
      SerialClaim again = s.claimSerial("a", "X", "0000000000000004", 600, 100, b);
      s.storeReport("a", report("X", "0000000000000004"), 600, again, b);
      s.write(b);
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(2);
    }
  }

  @Test
  void aClaimIsNotInTheLogBeforeItsBatchIsWritten() throws IOException {
    try (ReportStore s = ReportStore.open(dir, 1_000)) {
      StoreBatch b = new StoreBatch();
      accept(s, "a", "1", 100, b); // decided, not written: its ACK has not gone out
      try (ReportStore after = ReportStore.open(KillNineCopy.of(dir), 1_000)) {
        assertThat(after.serial("a", "1")).as("a re-sent DELIVER must not look like a duplicate").isNull();
        assertThat(after.pending("a")).isZero();
      }
      s.write(b);
      try (ReportStore after = ReportStore.open(KillNineCopy.of(dir), 1_000)) {
        assertThat(after.serial("a", "1")).isNotNull();
        assertThat(after.pending("a")).isEqualTo(1);
      }
    }
  }

  @Test
  void storedReportsKeepEveryField() {
    Report r = new Report(4005, ReportMessage.parse("K2103,TS"), "01000072103", "a|b~c", "0000000000000042",
        LocalDateTime.of(2026, 11, 24, 9, 5, 7), Telco.KKO);
    assertThat(ReportStore.decode(ReportStore.encode(r))).isEqualTo(r);
    Report noTime = new Report(0, ReportMessage.EMPTY, "01020001234", "S", "0000000000000043", null, Telco.ETC);
    assertThat(ReportStore.decode(ReportStore.encode(noTime))).isEqualTo(noTime);
  }

  @Test
  void gwSerialsAreSixteenDigitsAndGrowAcrossRestarts() {
    String last;
    try (ReportStore s = ReportStore.open(dir, 1_700_000_000_000L)) {
      String a = s.nextGwSerial();
      last = s.nextGwSerial();
      assertThat(a).hasSize(15).containsOnlyDigits();
      assertThat(last).isGreaterThan(a);
    }
    try (ReportStore s = ReportStore.open(dir, 1_600_000_000_000L)) { // even with a clock set back
      assertThat(s.nextGwSerial()).isGreaterThan(last);
    }
  }

  @Test
  void serialRecordsAndQuotaPersist() {
    try (ReportStore s = ReportStore.open(dir, 0)) {
      String gw = s.nextGwSerial();
      StoreBatch b = new StoreBatch();
      SerialClaim c = s.claimSerial("a", "X", gw, 10, 1_000, b);
      assertThat(c.isDuplicate()).isFalse();
      s.storeReport("a", report("X", gw), 10, c, b);
      s.write(b);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 20, 1_000, b).isDuplicate()).isTrue();
      s.write(b);
      s.saveQuota("a", YearMonth.of(2026, 11), 42);
    }
    try (ReportStore s = ReportStore.open(dir, 0)) {
      SerialRecord r = s.serial("a", "X");
      assertThat(r.distinctMessages()).isEqualTo(1);
      assertThat(r.acceptedDelivers()).isEqualTo(2);
      assertThat(r.firstAcceptedMillis()).isEqualTo(10);
      assertThat(s.quotas().get("a").getValue()).isEqualTo(42);
      assertThat(s.pending("a")).isEqualTo(1);
      assertThat(s.sweepSerials(20, 5)).isEqualTo(1);
      assertThat(s.serial("a", "X")).isNull();
    }
  }
}
