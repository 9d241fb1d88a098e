package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {
  @TempDir Path dir;

  private static Report report(String serial, String gw) {
    return new Report(0, ReportMessage.EMPTY, "01020001234", serial, gw, LocalDateTime.of(2026, 1, 1, 0, 0), Telco.SK);
  }

  @Test
  void reportsOfAnAccountComeInDueOrderAndOnlyWhenDue() {
    try (ReportStore s = ReportStore.open(null, 4, 0, 1_000)) {
      s.storeReport("a", report("1", s.nextGwSerial()), 100);
      s.storeReport("a", report("2", s.nextGwSerial()), 200);
      s.storeReport("ab", report("3", s.nextGwSerial()), 50); // an ID that extends another ID
      s.storeReport("b", report("4", s.nextGwSerial()), 50);
      s.commit();
      assertThat(s.due("a", null, 150, 10)).extracting(p -> p.report().serial()).containsExactly("1");
      List<PendingReport> both = s.due("a", null, 1_000, 10);
      assertThat(both).extracting(p -> p.report().serial()).containsExactly("1", "2");
      assertThat(s.due("a", both.get(0).key(), 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("2");
      assertThat(s.pending("a")).isEqualTo(2);
      assertThat(s.pending("ab")).isEqualTo(1);
      assertThat(s.acknowledge(both.get(0).key())).isTrue();
      assertThat(s.acknowledge(both.get(0).key())).isFalse();
      assertThat(s.pending("a")).isEqualTo(1);
      assertThat(s.pendingTotal()).isEqualTo(3);
    }
  }

  @Test
  void aReportIsNotDueBeforeTheCommitThatHoldsIt() throws Exception {
    try (ReportStore s = ReportStore.open(dir, 4, 0, 1_000)) {
      s.storeReport("a", report("1", s.nextGwSerial()), 100);
      assertThat(s.due("a", null, 1_000, 10)).isEmpty();
      java.util.concurrent.CompletableFuture<Boolean> done = new java.util.concurrent.CompletableFuture<>();
      s.afterCommit(done::complete);
      assertThat(done.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(s.due("a", null, 1_000, 10)).extracting(p -> p.report().serial()).containsExactly("1");
    }
  }

  @Test
  void aReleasedClaimLeavesTheSerialAsItWas() {
    try (ReportStore s = ReportStore.open(null, 4, 0, 0)) {
      SerialClaim first = s.claimSerial("a", "X", "0000000000000001", 0, 100);
      s.releaseSerial(first);
      assertThat(s.serial("a", "X")).isNull();
      s.claimSerial("a", "X", "0000000000000002", 0, 100);
      SerialClaim later = s.claimSerial("a", "X", "0000000000000003", 500, 100); // window expired
      assertThat(later.isDuplicate()).isFalse();
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(2);
      s.releaseSerial(later);
      assertThat(s.serial("a", "X").gwSerial()).isEqualTo("0000000000000002");
      assertThat(s.serial("a", "X").distinctMessages()).isEqualTo(1);
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
    try (ReportStore s = ReportStore.open(dir, 4, 0, 1_700_000_000_000L)) {
      String a = s.nextGwSerial();
      last = s.nextGwSerial();
      assertThat(a).hasSize(15).containsOnlyDigits();
      assertThat(last).isGreaterThan(a);
    }
    try (ReportStore s = ReportStore.open(dir, 4, 0, 1_600_000_000_000L)) { // even with a clock set back
      assertThat(s.nextGwSerial()).isGreaterThan(last);
    }
  }

  @Test
  void serialRecordsAndQuotaPersist() {
    try (ReportStore s = ReportStore.open(dir, 4, 0, 0)) {
      String gw = s.nextGwSerial();
      assertThat(s.claimSerial("a", "X", gw, 10, 1_000).isDuplicate()).isFalse();
      s.storeReport("a", report("X", gw), 10);
      assertThat(s.claimSerial("a", "X", s.nextGwSerial(), 20, 1_000).isDuplicate()).isTrue();
      s.saveQuota("a", YearMonth.of(2026, 11), 42);
    }
    try (ReportStore s = ReportStore.open(dir, 4, 0, 0)) {
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
