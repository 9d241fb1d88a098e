package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import dev.ngsign.ngs.agent.internal.store.Tables;
import dev.ngsign.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's queries on a real database of each kind: rows written with known statuses and
 * timestamps, then every figure the console shows compared with what the rows say (counted again
 * with plain SQL, or computed from the durations the test chose).
 */
class ConsoleQueriesIT {
  /** 2026-11-24 12:30:20 in Seoul: the middle of a minute. */
  static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 12, 30, 20);

  static Tables tables(TestDb db) {
    SchemaMigrator.migrate(db.ds, db.dialect, "NGS_");
    return new Tables(db.ds, db.dialect, "NGS_", AgentConfig.KOREA);
  }

  static Map<String, Object> row(
      String account, String status, String dest, LocalDateTime created) {
    Map<String, Object> m = new HashMap<>();
    m.put("MSG_TYPE", "S");
    m.put("DEST_ADDR", dest);
    m.put("CALLBACK", "0212345678");
    m.put("MSG_TEXT", "인증번호 123456");
    m.put("ACCOUNT", account);
    m.put("STATUS", status);
    m.put("CREATED_AT", created);
    return m;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void row_counts_equal_the_tables_counts_open_whole_final_in_the_window(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      Random rnd = new Random(18);
      String[] statuses = {"READY", "SENDING", "SENT", "DONE", "FAILED", "REJECTED", "EXPIRED"};
      for (int i = 0; i < 300; i++) {
        String account = i % 3 == 0 ? "alpha" : i % 3 == 1 ? "beta" : "";
        Map<String, Object> r =
            row(account, statuses[rnd.nextInt(statuses.length)], "010" + i, NOW.minusHours(2));
        // final rows: half inside the 15-minute window, half before it
        r.put("UPDATED_AT", NOW.minusMinutes(rnd.nextBoolean() ? 5 : 40));
        db.insert("NGS_MSG", r);
      }
      LocalDateTime since = NOW.minusMinutes(15);
      Map<String, RowCounts.AccountRows> counts =
          new RowCounts(t).read(List.of("alpha", "beta", "gamma"), since, NOW);

      assertThat(counts).containsKeys("alpha", "beta", "", "gamma");
      assertThat(counts.get("gamma").open()).isEmpty();
      for (String a : List.of("alpha", "beta", "")) {
        for (String s : List.of("READY", "SENDING", "SENT")) {
          assertThat(counts.get(a).count(s))
              .as(a + " " + s)
              .isEqualTo(
                  db.count("SELECT COUNT(*) FROM NGS_MSG WHERE ACCOUNT = ? AND STATUS = ?", a, s));
        }
        for (String s : List.of("DONE", "FAILED", "REJECTED", "EXPIRED")) {
          long inWindow =
              db.count(
                  "SELECT COUNT(*) FROM NGS_MSG WHERE ACCOUNT = ? AND STATUS = ? AND UPDATED_AT >= ?",
                  a,
                  s,
                  since);
          assertThat(counts.get(a).count(s)).as(a + " " + s).isEqualTo(inWindow);
          assertThat(inWindow)
              .as("the window excludes the older half")
              .isLessThan(
                  db.count("SELECT COUNT(*) FROM NGS_MSG WHERE ACCOUNT = ? AND STATUS = ?", a, s));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void oldest_due_ready_row_skips_scheduled_and_backing_off_rows(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      Map<String, Object> scheduled = row("alpha", "READY", "01000000001", NOW.minusHours(3));
      scheduled.put("SCHEDULED_AT", NOW.plusHours(1));
      db.insert("NGS_MSG", scheduled);
      Map<String, Object> backingOff = row("alpha", "READY", "01000000002", NOW.minusHours(2));
      backingOff.put("NEXT_TRY_AT", NOW.plusSeconds(30));
      db.insert("NGS_MSG", backingOff);
      db.insert("NGS_MSG", row("alpha", "READY", "01000000003", NOW.minusMinutes(7)));
      db.insert("NGS_MSG", row("alpha", "READY", "01000000004", NOW.minusMinutes(1)));

      RowCounts.AccountRows alpha =
          new RowCounts(t).read(List.of("alpha"), NOW.minusMinutes(15), NOW).get("alpha");
      assertThat(alpha.count("READY")).isEqualTo(4);
      assertThat(alpha.oldestDueReady()).isEqualTo(NOW.minusMinutes(7));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void traffic_per_minute_counts_reports_and_measures_both_latencies(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      LocalDateTime minute = NOW.minusMinutes(3).withSecond(0);
      // 100 rows ACKed and reported within one minute: insert→ACK (i+1)*10 ms, ACK→report
      // (i+1)*100 ms
      for (int i = 0; i < 100; i++) {
        LocalDateTime report = minute.plusSeconds(10);
        LocalDateTime ack = report.minus(Duration.ofMillis((i + 1) * 100L));
        LocalDateTime created = ack.minus(Duration.ofMillis((i + 1) * 10L));
        Map<String, Object> r =
            row("alpha", i < 90 ? "DONE" : "FAILED", "0101111" + (1000 + i), created);
        r.put("ACK_AT", ack);
        r.put("ACK_CODE", 0);
        r.put("REPORT_AT", report);
        r.put("RESULT_CODE", i < 90 ? 0 : 4001);
        r.put("UPDATED_AT", report);
        db.insert("NGS_MSG", r);
      }
      // a report in the next minute and an ACK without report: not in this minute's reports
      Map<String, Object> later = row("alpha", "DONE", "01022220000", minute);
      later.put("ACK_AT", minute.plusSeconds(50));
      later.put("ACK_CODE", 3004);
      later.put("REPORT_AT", minute.plusSeconds(65));
      later.put("UPDATED_AT", minute.plusSeconds(65));
      db.insert("NGS_MSG", later);

      Traffic.AccountTraffic a =
          new Traffic(t, 2000).read(minute, minute.plusMinutes(1)).get("alpha");
      assertThat(a.done()).isEqualTo(90);
      assertThat(a.failed()).isEqualTo(10);
      // nearest rank over 1..100 (x100 ms): p50 = 50th value, p99 = 99th
      assertThat(a.ackToReport()).isEqualTo(new Latency(100, 5_000, 9_900));
      // the ACKs in this minute: the 100 (ACK_AT from :00 to :09.9) and the later row's (:50)
      assertThat(a.insertToAck().samples()).isEqualTo(101);
      assertThat(a.insertToAck().p99Millis()).isEqualTo(1000);
      assertThat(a.acks()).containsExactly(Map.entry(0, 100L), Map.entry(3004, 1L));

      MutableClock clock = MutableClock.atSeoul(NOW);
      TrafficHistory history =
          new TrafficHistory(new Traffic(t, 2000), clock, AgentConfig.KOREA, 15);
      List<TrafficHistory.Minute> minutes = history.read();
      assertThat(minutes).hasSize(15);
      assertThat(minutes.get(14).start()).isEqualTo(NOW.withSecond(0));
      assertThat(minutes.get(11).start()).isEqualTo(minute);
      assertThat(minutes.get(11).of("alpha").reports()).isEqualTo(100);
      assertThat(minutes.get(12).of("alpha").reports()).isEqualTo(1);
      assertThat(minutes.get(0).of("alpha")).isEqualTo(Traffic.AccountTraffic.NONE);

      // a settled minute is kept: deleting its rows (the log-table move) does not empty it
      db.update("DELETE FROM NGS_MSG");
      assertThat(history.read().get(11).of("alpha").reports()).isEqualTo(100);
      // ... and it leaves the window 15 minutes later; the next one (kept too) is then first
      clock.advance(Duration.ofMinutes(12));
      List<TrafficHistory.Minute> later15 = history.read();
      assertThat(later15.get(0).start()).isEqualTo(minute.plusMinutes(1));
      assertThat(later15.get(0).of("alpha").reports()).isEqualTo(1);
      assertThat(later15).noneMatch(m -> m.of("alpha").reports() == 100);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void search_by_serial_recipient_status_and_time_pages_every_row_once(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      MessageSearch search = new MessageSearch(t, 10);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 130; i++) {
        Map<String, Object> r =
            row(
                i % 2 == 0 ? "alpha" : "beta",
                i % 5 == 0 ? "FAILED" : "DONE",
                i % 10 == 0
                    ? (i % 20 == 0 ? "010-5555-1234" : "01055551234")
                    : "0109999" + (1000 + i),
                NOW.minusMinutes(130 - i));
        r.put("SERIAL", "S" + (1000 + i));
        ids.add(db.insert("NGS_MSG", r));
      }

      MessageSearch.Page bySerial =
          search.search(new SearchCriteria("S1042", null, null, null, null, null, null, 50));
      assertThat(bySerial.rows()).extracting(MessageSearch.Found::id).containsExactly(ids.get(42));
      assertThat(bySerial.nextBeforeId()).isNull();

      // the number typed with or without dashes finds the rows stored either way, masked
      for (String typed : List.of("010-5555-1234", "01055551234", "010 5555 1234")) {
        MessageSearch.Page byRecipient =
            search.search(new SearchCriteria(null, typed, null, null, null, null, null, 50));
        assertThat(byRecipient.rows()).hasSize(13);
        assertThat(byRecipient.rows())
            .allSatisfy(f -> assertThat(f.maskedRecipient()).isEqualTo("010****1234"));
      }

      // status + account + time range, newest first
      MessageSearch.Page failedAlpha =
          search.search(
              new SearchCriteria(
                  null,
                  null,
                  MessageStatus.FAILED,
                  "alpha",
                  NOW.minusMinutes(100),
                  NOW.minusMinutes(20),
                  null,
                  50));
      List<Long> expected = new ArrayList<>();
      for (int i = 129; i >= 0; i--) {
        LocalDateTime created = NOW.minusMinutes(130 - i);
        if (i % 2 == 0
            && i % 5 == 0
            && !created.isBefore(NOW.minusMinutes(100))
            && created.isBefore(NOW.minusMinutes(20))) {
          expected.add(ids.get(i));
        }
      }
      assertThat(failedAlpha.rows()).extracting(MessageSearch.Found::id).isEqualTo(expected);

      // pages of 17 over all 130 rows: each row once, in descending ID order
      Set<Long> seen = new HashSet<>();
      List<Long> order = new ArrayList<>();
      Long before = null;
      int pages = 0;
      do {
        MessageSearch.Page p =
            search.search(new SearchCriteria(null, null, null, null, null, null, before, 17));
        p.rows().forEach(f -> order.add(f.id()));
        p.rows().forEach(f -> assertThat(seen.add(f.id())).isTrue());
        before = p.nextBeforeId();
        pages++;
      } while (before != null);
      assertThat(pages).isEqualTo(8);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(order).isSortedAccordingTo((x, y) -> Long.compare(y, x));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void detail_shows_the_timeline_with_code_texts_and_no_message_text(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      Map<String, Object> r = row("alpha", "FAILED", "01012345678", NOW.minusMinutes(10));
      r.put("SERIAL", "NGS7001");
      r.put("ATTEMPTS", 2);
      r.put("NODE_ID", "node-a");
      r.put("FENCE", 7L);
      r.put("ACK_AT", NOW.minusMinutes(9));
      r.put("ACK_CODE", 0);
      r.put("DELIVERED_AT", NOW.minusMinutes(8));
      r.put("REPORT_AT", NOW.minusMinutes(8).plusSeconds(2));
      r.put("RESULT_CODE", 4001);
      r.put("TELCO", "SKT");
      r.put("UPDATED_AT", NOW.minusMinutes(8).plusSeconds(2));
      long id = db.insert("NGS_MSG", r);
      db.update(
          "INSERT INTO NGS_REPORT_ORPHAN (SERIAL, RESULT_CODE, RECEIVED_AT) VALUES (?, ?, ?)",
          "NGS7001",
          0,
          NOW);

      MessageDetail m = new MessageSearch(t, 10).detail(id).orElseThrow();
      assertThat(m.maskedRecipient()).isEqualTo("010****5678");
      assertThat(m.textLength()).isEqualTo("인증번호 123456".length());
      assertThat(m.orphanReports()).isEqualTo(1);
      assertThat(m.timeline())
          .extracting(MessageDetail.Event::step)
          .containsExactly("inserted", "claimed", "ack", "delivered", "report");
      assertThat(m.timeline().get(0).at()).isEqualTo(NOW.minusMinutes(10));
      assertThat(m.timeline().get(1).text()).contains("node-a", "fence 7", "attempt 2");
      assertThat(m.timeline().get(2).code()).isEqualTo(CodeText.of(0));
      assertThat(m.timeline().get(4).code().name()).isEqualTo("E_UNKNOWN_SUBSCRIBER");
      assertThat(m.timeline().get(4).code().meaning()).contains("결번");
      assertThat(m.toString()).doesNotContain("01012345678", "123456");

      assertThat(new MessageSearch(t, 10).detail(id + 1000)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void a_row_the_agent_ended_shows_its_own_code(Dialect d) {
    try (TestDb db = TestDb.create(d)) {
      Tables t = tables(db);
      Map<String, Object> r = row("alpha", "EXPIRED", "01012345678", NOW.minusMinutes(10));
      r.put("EXPIRES_AT", NOW.minusMinutes(5));
      r.put("RESULT_CODE", 9001);
      r.put("UPDATED_AT", NOW.minusMinutes(5));
      long id = db.insert("NGS_MSG", r);
      MessageDetail m = new MessageSearch(t, 10).detail(id).orElseThrow();
      assertThat(m.timeline())
          .extracting(MessageDetail.Event::step)
          .containsExactly("inserted", "ended by agent");
      assertThat(m.timeline().get(1).code().name()).isEqualTo("EXPIRED");
    }
  }
}
