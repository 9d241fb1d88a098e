package dev.ngsign.ngs.agent.internal.console.query;

import static dev.ngsign.ngs.agent.internal.console.query.ConsoleQueriesIT.NOW;
import static dev.ngsign.ngs.agent.internal.console.query.ConsoleQueriesIT.row;
import static dev.ngsign.ngs.agent.internal.console.query.ConsoleQueriesIT.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.store.LogArchive;
import dev.ngsign.ngs.agent.internal.store.Tables;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's search and detail view over the monthly log tables, on each database: rows moved by
 * the agent's own {@link LogArchive} into the log tables of September, October and November 2026,
 * rows left in the send table, then searches by recipient and date range that must find the
 * archived ones of the range's months and no other, page across the tables, and refuse a range over
 * {@link ArchiveMonths#MAX_DAYS} days.
 */
class ArchiveSearchIT {
  private static final String TO = "010-1234-5678";

  /** A row for {@link #TO} (stored without dashes when {@code plain}) in {@code status}. */
  private static Map<String, Object> mine(
      String status, boolean plain, LocalDateTime created, LocalDateTime updated) {
    Map<String, Object> r = row("alpha", status, plain ? "01012345678" : TO, created);
    if (updated != null) {
      r.put("UPDATED_AT", updated);
    }
    return r;
  }

  private static MessageSearch search(Tables t) {
    return new MessageSearch(
        t, 10, new ArchiveMonths(AgentConfig.KOREA, AgentConfig.KOREA, () -> NOW));
  }

  private static SearchCriteria recipientFrom(LocalDateTime from, Long before, int pageSize) {
    return new SearchCriteria(null, TO, null, null, from, null, before, pageSize);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void a_recipient_search_with_dates_finds_the_archived_rows_of_the_ranges_months(Dialect d)
      throws Exception {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      LocalDateTime sep = LocalDateTime.of(2026, 9, 10, 9, 0);
      long september = db.insert("NGS_MSG", mine("DONE", true, sep, sep.plusSeconds(5)));
      LocalDateTime oct = LocalDateTime.of(2026, 10, 5, 9, 0);
      long october = db.insert("NGS_MSG", mine("DONE", false, oct, oct.plusSeconds(5)));
      // inserted on October's last evening, finished after midnight: in November's log table
      LocalDateTime lastEvening = LocalDateTime.of(2026, 10, 31, 23, 59);
      Map<String, Object> r = mine("FAILED", true, lastEvening, lastEvening.plusMinutes(2));
      r.put("SERIAL", "OTP-1031");
      r.put("RESULT_CODE", 4001);
      r.put("REPORT_AT", lastEvening.plusMinutes(2));
      long crossing = db.insert("NGS_MSG", r);
      LocalDateTime nov = LocalDateTime.of(2026, 11, 20, 9, 0);
      long november = db.insert("NGS_MSG", mine("EXPIRED", false, nov, nov.plusHours(1)));
      // someone else's rows in every month
      List<Long> others = new ArrayList<>();
      for (LocalDateTime at : List.of(sep, oct, lastEvening, nov)) {
        Map<String, Object> o = row("alpha", "DONE", "01099990000", at);
        o.put("UPDATED_AT", at.plusSeconds(5));
        others.add(db.insert("NGS_MSG", o));
      }
      // finished a minute ago (not yet moved) and waiting: in the send table
      long recent =
          db.insert("NGS_MSG", mine("DONE", true, NOW.minusMinutes(2), NOW.minusMinutes(1)));
      long waiting = db.insert("NGS_MSG", mine("READY", false, NOW.minusMinutes(1), null));

      int moved = new LogArchive(t).moveToLog(NOW.minusMinutes(10), 100, AgentConfig.KOREA);
      assertThat(moved).isEqualTo(8);
      assertThat(db.count("SELECT COUNT(*) FROM NGS_MSG_LOG_202609")).isEqualTo(2);
      assertThat(db.count("SELECT COUNT(*) FROM NGS_MSG_LOG_202610")).isEqualTo(3);
      assertThat(db.count("SELECT COUNT(*) FROM NGS_MSG_LOG_202611")).isEqualTo(3);

      MessageSearch search = search(t);
      // from 1 October: October's and November's log tables (not September's), and the send table
      MessageSearch.Page page =
          search.search(recipientFrom(LocalDateTime.of(2026, 10, 1, 0, 0), null, 50));
      assertThat(page.logMonths()).containsExactly("202610", "202611");
      assertThat(page.rows())
          .extracting(MessageSearch.Found::id)
          .containsExactly(waiting, recent, november, crossing, october);
      Map<Long, String> where = new HashMap<>();
      page.rows().forEach(f -> where.put(f.id(), f.logMonth()));
      assertThat(where.get(october)).isEqualTo("202610");
      assertThat(where.get(crossing)).isEqualTo("202611");
      assertThat(where.get(november)).isEqualTo("202611");
      assertThat(where.get(recent)).isNull();
      assertThat(page.rows())
          .allSatisfy(f -> assertThat(f.maskedRecipient()).isEqualTo("010****5678"));
      assertThat(page.toString()).doesNotContain("01012345678", TO);

      // October 31 only: the row inserted then is found in November's table
      MessageSearch.Page oneDay =
          search.search(
              new SearchCriteria(
                  null,
                  null,
                  MessageStatus.FAILED,
                  null,
                  LocalDateTime.of(2026, 10, 31, 0, 0),
                  LocalDateTime.of(2026, 11, 1, 0, 0),
                  null,
                  50));
      assertThat(oneDay.logMonths()).containsExactly("202610", "202611");
      assertThat(oneDay.rows()).extracting(MessageSearch.Found::id).containsExactly(crossing);
      assertThat(
              search
                  .search(
                      new SearchCriteria("OTP-1031", null, null, null, lastEvening, null, null, 5))
                  .rows())
          .extracting(MessageSearch.Found::id)
          .containsExactly(crossing);

      // without a date: the send table only, as before
      MessageSearch.Page undated =
          search.search(new SearchCriteria(null, TO, null, null, null, null, null, 50));
      assertThat(undated.logMonths()).isEmpty();
      assertThat(undated.rows())
          .extracting(MessageSearch.Found::id)
          .containsExactly(waiting, recent);
      // a status no finished row has: no log table is read
      assertThat(
              search
                  .search(
                      new SearchCriteria(null, TO, MessageStatus.READY, null, sep, null, null, 50))
                  .logMonths())
          .isEmpty();

      // pages of 2 from September on, across four tables: each row once, newest first
      List<Long> order = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      Long before = null;
      do {
        MessageSearch.Page p = search.search(recipientFrom(sep.minusDays(1), before, 2));
        assertThat(p.rows().size()).isLessThanOrEqualTo(2);
        p.rows().forEach(f -> assertThat(seen.add(f.id())).as("row %s twice", f.id()).isTrue());
        p.rows().forEach(f -> order.add(f.id()));
        before = p.nextBeforeId();
      } while (before != null);
      assertThat(order).containsExactly(waiting, recent, november, crossing, october, september);
      assertThat(order).doesNotContainAnyElementsOf(others);

      // a range over the limit is refused, naming the fields
      assertThatThrownBy(
              () ->
                  search.search(
                      new SearchCriteria(
                          null,
                          TO,
                          null,
                          null,
                          NOW.minusDays(ArchiveMonths.MAX_DAYS + 1),
                          null,
                          null,
                          50)))
          .isInstanceOf(SearchException.class)
          .hasMessageContaining("to: ")
          .hasMessageContaining("from: ")
          .hasMessageContaining(ArchiveMonths.MAX_DAYS + " days");

      // the log tables carry the indexes those searches walk
      for (String month : List.of("202609", "202610", "202611")) {
        assertThat(indexedColumns(db, "NGS_MSG_LOG_" + month))
            .as(month)
            .contains("ID", "SERIAL", "DEST_ADDR");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void an_archived_row_shows_its_timeline_from_its_log_table(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      LocalDateTime at = LocalDateTime.of(2026, 10, 20, 14, 0);
      Map<String, Object> r = mine("DONE", true, at, at.plusSeconds(3));
      r.put("SERIAL", "OTP-1020");
      r.put("NODE_ID", "node-a");
      r.put("ACK_AT", at.plusSeconds(1));
      r.put("ACK_CODE", 0);
      r.put("REPORT_AT", at.plusSeconds(3));
      r.put("RESULT_CODE", 0);
      long id = db.insert("NGS_MSG", r);
      assertThat(new LogArchive(t).moveToLog(NOW, 10, AgentConfig.KOREA)).isEqualTo(1);

      MessageSearch search = search(t);
      MessageDetail m = search.detail(id, "202610").orElseThrow();
      assertThat(m.logMonth()).isEqualTo("202610");
      assertThat(m.serial()).isEqualTo("OTP-1020");
      assertThat(m.maskedRecipient()).isEqualTo("010****5678");
      assertThat(m.attachments()).isNull();
      assertThat(m.timeline())
          .extracting(MessageDetail.Event::step)
          .containsExactly("inserted", "claimed", "ack", "report");
      assertThat(m.toString()).doesNotContain("01012345678", "123456");

      assertThat(search.detail(id)).isEmpty(); // no longer in the send table
      assertThat(search.detail(id, "202611")).isEmpty(); // no such row there
      assertThat(search.detail(id, "202001")).isEmpty(); // no such table
      assertThatThrownBy(() -> search.detail(id, "202613"))
          .isInstanceOf(SearchException.class)
          .hasMessageContaining("log: '202613'");
      assertThatThrownBy(() -> search.detail(id, "2026; DROP TABLE NGS_MSG"))
          .isInstanceOf(SearchException.class);
    }
  }

  /** The columns of {@code table}'s indexes, upper case. */
  private static Set<String> indexedColumns(TestDb db, String table) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = db.ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String name =
          md.storesLowerCaseIdentifiers()
              ? table.toLowerCase(Locale.ROOT)
              : md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
      String schema = db.dialect == Dialect.MARIADB ? null : c.getSchema();
      try (ResultSet rs = md.getIndexInfo(c.getCatalog(), schema, name, false, false)) {
        while (rs.next()) {
          if (rs.getString("COLUMN_NAME") != null) {
            out.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
          }
        }
      }
    }
    return out;
  }
}
