package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.internal.legacy.LayoutTables;
import dev.ngsign.ngs.agent.internal.legacy.VendorTables;
import dev.ngsign.ngs.agent.internal.legacy.emtran.EmTranLayout;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.testing.ChildGateway;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an agent node running on DBro's em_tran (PostgreSQL) in the middle of a stream: the
 * node that takes over finishes every row; each is in the month's log table once, delivered, and
 * the gateway accepted each SERIAL exactly once.
 */
class EmTranKillNineIT {
  private static final int ROWS = 600;
  private final List<Process> children = new ArrayList<>();
  private TestDb db;
  private NgsGateway gateway;
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    for (Process p : children) {
      p.destroyForcibly();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private long count(String sql) {
    try {
      return db.count(sql);
    } catch (IllegalStateException noLogTableYet) {
      return 0;
    }
  }

  @Test
  void killingTheAgentMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
    db = TestDb.create(Dialect.POSTGRESQL);
    EmTranLayout layout = new EmTranLayout();
    VendorTables.createMissing(
        db.ds,
        db.dialect,
        layout,
        new LayoutTables("em-tran", layout.defaultTables(), Map.of(), "K_"));
    // reports held 5 s: rows are still open at the kill however fast the victim sends
    gateway = ChildGateway.builder(0, 0, 0, tmp.resolve("gw"), KillNineIT.REPORTS_HELD).build();
    String certPort = String.valueOf(gateway.start().certPort());
    Process first =
        KillNineIT.spawn(
            children, ChildAgent.class, db.url, db.user, "K_", certPort, "victim", "em-tran");
    try (Connection c = db.ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "Insert into em_tran(tran_phone, tran_callback, tran_status, tran_date, tran_msg ,"
                    + " tran_type) values (?, '02-1588-0000', '1', now(), ? ,4)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setString(1, String.format("010-4000-%04d", i));
        ps.setString(2, "kill test " + i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    String log =
        "em_log_"
            + ((LocalDateTime) db.query("SELECT MIN(tran_date) AS D FROM em_tran").get(0).get("D"))
                .format(DateTimeFormatter.ofPattern("yyyyMM"));
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> count("SELECT COUNT(*) FROM em_tran WHERE tran_status = '2'") >= ROWS / 5);
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: leases kept, no shutdown hook
    assertThat(count("SELECT COUNT(*) FROM em_tran")).as("killed mid-stream").isPositive();
    KillNineIT.spawn(
        children, ChildAgent.class, db.url, db.user, "K_", certPort, "survivor", "em-tran");
    try {
      await().atMost(120, TimeUnit.SECONDS).until(() -> count("SELECT COUNT(*) FROM em_tran") == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "rows left: "
              + db.query("SELECT tran_status, COUNT(*) AS N FROM em_tran GROUP BY tran_status")
              + " side: "
              + db.query("SELECT STATUS, COUNT(*) AS N FROM K_MSG GROUP BY STATUS"),
          e);
    }
    assertThat(db.count("SELECT COUNT(*) FROM " + log)).isEqualTo(ROWS);
    assertThat(db.count("SELECT COUNT(DISTINCT tran_pr) FROM " + log)).isEqualTo(ROWS);
    assertThat(
            db.count(
                "SELECT COUNT(*) FROM " + log + " WHERE tran_status = '3' AND tran_rslt = '0'"))
        .isEqualTo(ROWS);
    assertThat(db.count("SELECT COUNT(*) FROM K_LEGACY_ROW WHERE IN_FLIGHT IS NULL"))
        .isEqualTo(ROWS);
    for (Map<String, Object> r : db.query("SELECT SERIAL FROM K_LEGACY_ROW")) {
      assertThat(gateway.messagesAccepted("testid", (String) r.get("SERIAL")))
          .as((String) r.get("SERIAL"))
          .isEqualTo(1);
    }
  }
}
