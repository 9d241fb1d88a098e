package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on a data directory with 1,000,000 SERIALs and as many waiting reports: every SERIAL is
 * still a duplicate (the filters rebuilt from the buckets miss none), new ones are not, and the
 * counts are exact. How long the start takes is measured in docs/benchmarks.md, not asserted here.
 */
class ReportStoreStartupIT {
  private static final int MESSAGES = 1_000_000;
  private static final long DAY = 86_400_000L;
  private static final YearMonth MONTH = YearMonth.of(2026, 12);

  @TempDir Path dir;

  @Test
  void aMillionSerialsAreAllStillDuplicatesAfterARestart() {
    long now = 1_000_000_000L;
    try (ReportStore s = KillNineCopy.open(dir, DAY, 0, now)) {
      StoreBatch b = new StoreBatch();
      for (int i = 0; i < MESSAGES; i++) {
        String account = "acct" + (i % 4);
        String gw = s.nextGwSerial();
        SerialClaim c = s.claimSerial(account, "S" + i, gw, now + i / 100, b);
        s.storeReport(
            account,
            new Report(
                0,
                ReportMessage.EMPTY,
                "01020001234",
                "S" + i,
                gw,
                LocalDateTime.of(2026, 12, 6, 0, 0),
                Telco.KT),
            now,
            MONTH,
            c,
            b);
        if (i % 512 == 511) {
          s.write(b);
        }
      }
      s.write(b);
    }
    try (ReportStore s = KillNineCopy.open(dir, DAY, 0, now + 20_000)) {
      assertThat(s.pendingTotal()).isEqualTo(MESSAGES);
      assertThat(s.quotas().get("acct1"))
          .isEqualTo(java.util.Map.entry(MONTH, (long) MESSAGES / 4));
      StoreBatch b = new StoreBatch();
      Random rnd = new Random(20);
      for (int n = 0; n < 20_000; n++) {
        int i = rnd.nextInt(MESSAGES);
        SerialClaim again =
            s.claimSerial("acct" + (i % 4), "S" + i, s.nextGwSerial(), now + 20_000, b);
        assertThat(again.isDuplicate()).as("S%d after the restart", i).isTrue();
      }
      for (int n = 0; n < 1_000; n++) {
        SerialClaim fresh = s.claimSerial("acct0", "NEW" + n, s.nextGwSerial(), now + 20_000, b);
        assertThat(fresh.isDuplicate() || fresh.isBusy()).isFalse();
        s.releaseSerial(fresh, b);
      }
      s.write(b);
    }
  }
}
