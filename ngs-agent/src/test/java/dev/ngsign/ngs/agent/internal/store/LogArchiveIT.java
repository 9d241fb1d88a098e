package dev.ngsign.ngs.agent.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log archive copies rows by column name: a month's log table made by an older schema (here one
 * column fewer, from the middle of the list, so no column lines up with {@code SELECT *} after it)
 * still takes its rows, every column it has holding the row's value.
 */
class LogArchiveIT {
  private static final String LOG = "NGS_MSG_LOG_202610";

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rows_move_into_a_log_table_made_by_an_older_schema(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      SchemaMigrator.migrate(db.ds, db.dialect, "NGS_");
      Tables t = new Tables(db.ds, db.dialect, "NGS_", AgentConfig.KOREA);
      db.update(d.createLikeSql(LOG, "NGS_MSG"));
      db.update("ALTER TABLE " + LOG + " DROP COLUMN KKO_ERROR");

      LocalDateTime at = LocalDateTime.of(2026, 10, 12, 9, 30);
      for (int i = 0; i < 3; i++) {
        Map<String, Object> r = new HashMap<>();
        r.put("MSG_TYPE", "A");
        r.put("DEST_ADDR", "0101234000" + i);
        r.put("CALLBACK", "0212345678");
        r.put("MSG_TEXT", "알림 " + i);
        r.put("ACCOUNT", "main");
        r.put("STATUS", i == 2 ? "FAILED" : "DONE");
        r.put("SERIAL", "S-" + i);
        r.put("KKO_ERROR", "K3018");
        r.put("RESULT_CODE", i == 2 ? 4005 : 0);
        r.put("TELCO", "KKO");
        r.put("CREATED_AT", at.plusMinutes(i));
        r.put("UPDATED_AT", at.plusMinutes(i).plusSeconds(3));
        db.insert("NGS_MSG", r);
      }
      Map<String, Object> ready = new HashMap<>();
      ready.put("MSG_TYPE", "S");
      ready.put("DEST_ADDR", "01012349999");
      ready.put("CALLBACK", "0212345678");
      ready.put("MSG_TEXT", "아직");
      long waiting = db.insert("NGS_MSG", ready);
      List<Map<String, Object>> before =
          db.query("SELECT * FROM NGS_MSG WHERE STATUS <> 'READY' ORDER BY ID");

      int moved =
          new LogArchive(t).moveToLog(LocalDateTime.of(2026, 11, 1, 0, 0), 100, AgentConfig.KOREA);

      assertThat(moved).isEqualTo(3);
      List<Map<String, Object>> logged = db.query("SELECT * FROM " + LOG + " ORDER BY ID");
      assertThat(logged).hasSize(3);
      for (int i = 0; i < 3; i++) {
        Map<String, Object> expected = new HashMap<>(before.get(i));
        expected.remove("KKO_ERROR");
        assertThat(logged.get(i)).as("row " + i).isEqualTo(expected);
      }
      assertThat(db.query("SELECT ID FROM NGS_MSG"))
          .extracting(r -> ((Number) r.get("ID")).longValue())
          .containsExactly(waiting);
    }
  }
}
