package dev.ngsign.ngs.agent.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.SendTable;
import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import dev.ngsign.ngs.agent.internal.store.WriteBack;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Group commit of reports: the future completes after the commit; a value the database refuses does
 * not block the rest.
 */
class WriteBehindIT {
  @Test
  void aPoisonReportIsDroppedAndTheOthersAreCommitted() throws Exception {
    try (TestDb db = TestDb.create(Dialect.H2)) {
      SchemaMigrator.migrate(db.ds, Dialect.H2, "W_");
      long id = new SendTable(db.ds, "W_").insert(SampleMessages.sms("01020001001", "x").columns());
      db.update("UPDATE W_MSG SET STATUS = 'SENT', SERIAL = 'S1' WHERE ID = ?", id);
      MessageStore store = new MessageStore(db.ds, Dialect.H2, "W_", "");
      AtomicInteger orphans = new AtomicInteger();
      MutableClock clock = MutableClock.atSeoul(LocalDateTime.of(2026, 11, 24, 12, 0));
      try (WriteBehind w =
          new WriteBehind(
              store.writeBack(),
              clock,
              ZoneId.of("Asia/Seoul"),
              100,
              Duration.ofMillis(50),
              orphans::addAndGet)) {
        LocalDateTime now = clock.seoul();
        Report good = new Report(0, ReportMessage.EMPTY, "01020001001", "S1", "GW1", now, Telco.SK);
        Report stray =
            new Report(0, ReportMessage.EMPTY, "01020001002", "S2", "GW2", now, Telco.KT);
        // GWSERIAL is 16C on the wire: 30 characters do not fit the column, the database refuses
        // the row
        Report poison =
            new Report(0, ReportMessage.EMPTY, "01020001003", "S3", "G".repeat(30), now, Telco.LG);
        CompletableFuture<Void> f1 = w.report(new WriteBack.ReportWrite("acc", good, now));
        CompletableFuture<Void> f2 = w.report(new WriteBack.ReportWrite("acc", stray, now));
        CompletableFuture<Void> f3 = w.report(new WriteBack.ReportWrite("acc", poison, now));
        f1.get(30, TimeUnit.SECONDS);
        f2.get(30, TimeUnit.SECONDS);
        try {
          f3.get(30, TimeUnit.SECONDS);
          throw new AssertionError("the poison report was acknowledged");
        } catch (ExecutionException expected) {
          // not stored: no REPORT_ACK, the gateway sends it again
        }
        assertThat(db.query("SELECT STATUS, TELCO FROM W_MSG WHERE ID = ?", id).get(0))
            .containsEntry("STATUS", "DONE")
            .containsEntry("TELCO", "SK");
        assertThat(db.count("SELECT COUNT(*) FROM W_REPORT_ORPHAN WHERE SERIAL = 'S2'"))
            .isEqualTo(1);
        assertThat(orphans.get()).isEqualTo(1);
      }
    }
  }
}
