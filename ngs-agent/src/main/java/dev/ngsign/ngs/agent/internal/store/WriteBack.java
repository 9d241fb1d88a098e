package dev.ngsign.ngs.agent.internal.store;

import static dev.ngsign.ngs.agent.internal.store.Tables.cut;
import static dev.ngsign.ngs.agent.internal.store.Tables.placeholders;
import static dev.ngsign.ngs.agent.internal.store.Tables.setInt;

import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.ReportUpdate;
import dev.ngsign.ngs.agent.internal.schema.ReportWriter;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Report;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Write-back: E_OK ACKs, other send outcomes and REPORTs, in one transaction per batch. Reports are
 * written by the dialect's {@link ReportWriter}; a report whose SERIAL matches no row is kept in
 * {@code <prefix>REPORT_ORPHAN}.
 */
public final class WriteBack {
  private final Tables t;
  private final ReportWriter reportWriter;

  public WriteBack(Tables tables) {
    this.t = tables;
    this.reportWriter = tables.dialect().reportWriter();
  }

  /** What one write-back did. */
  public record WriteResult(int orphanReports) {}

  /** An E_OK DELIVER_ACK for a row claimed with {@code fence}. */
  public record AckOk(long id, long fence, LocalDateTime at) {}

  /** A REPORT to apply, with the account it came in on. */
  public record ReportWrite(String account, Report report, LocalDateTime receivedAt) {}

  /** One write-back transaction: E_OK ACKs, other outcomes, reports. */
  public WriteResult write(
      List<AckOk> oks, List<Outcome> outcomes, List<ReportWrite> reports, LocalDateTime now) {
    try (Connection c = t.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        writeOks(c, oks, now);
        writeOutcomes(c, outcomes, now);
        List<ReportWrite> orphans = writeReports(c, reports, now);
        c.commit();
        return new WriteResult(orphans.size());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("write-back failed: " + e.getMessage(), e);
    }
  }

  private void writeOks(Connection c, List<AckOk> oks, LocalDateTime now) throws SQLException {
    if (oks.isEmpty()) {
      return;
    }
    // Grouped by fence so that one statement covers many rows; a report may already have ended the
    // row.
    Map<Long, List<AckOk>> byFence = new LinkedHashMap<>();
    for (AckOk a : oks) {
      byFence.computeIfAbsent(a.fence(), k -> new ArrayList<>()).add(a);
    }
    // PostgreSQL: ID = ANY(array), one statement text whatever the count (prepared once per
    // connection, planned once by the server); elsewhere an IN list.
    boolean array = t.dialect() == Dialect.POSTGRESQL;
    for (Map.Entry<Long, List<AckOk>> e : byFence.entrySet()) {
      for (List<AckOk> part : ReportWriter.chunks(e.getValue())) {
        String sql =
            "UPDATE "
                + t.sendTable()
                + " SET STATUS = CASE WHEN STATUS = 'SENDING' THEN 'SENT' ELSE STATUS END,"
                + " ACK_CODE = 0, ACK_AT = ?, UPDATED_AT = ? WHERE FENCE = ? AND "
                + (array
                    ? "ID = ANY(CAST(? AS BIGINT[]))"
                    : "ID IN (" + placeholders(part.size()) + ")");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setObject(i++, part.get(part.size() - 1).at());
          ps.setObject(i++, now);
          ps.setLong(i++, e.getKey());
          if (array) {
            Long[] ids = new Long[part.size()];
            for (int j = 0; j < ids.length; j++) {
              ids[j] = part.get(j).id();
            }
            ps.setArray(i, c.createArrayOf("int8", ids));
          } else {
            for (AckOk a : part) {
              ps.setLong(i++, a.id());
            }
          }
          t.counted();
          ps.executeUpdate();
        }
      }
    }
  }

  private void writeOutcomes(Connection c, List<Outcome> outcomes, LocalDateTime now)
      throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE "
            + t.sendTable()
            + " SET STATUS = ?, ACK_CODE = ?, ACK_AT = ?, RESULT_CODE = ?, RESULT_MSG = ?,"
            + " NEXT_TRY_AT = ?, ATTEMPTS = ATTEMPTS - ?, UPDATED_AT = ? WHERE ID = ? AND FENCE = ? AND STATUS = 'SENDING'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Outcome o : outcomes) {
        ps.setString(1, o.status().code());
        setInt(ps, 2, o.ackCode());
        ps.setObject(3, o.ackCode() == null ? null : now, Types.TIMESTAMP);
        setInt(ps, 4, o.resultCode());
        ps.setString(5, cut(o.resultMsg(), 400));
        ps.setObject(6, o.nextTryAt(), Types.TIMESTAMP);
        ps.setInt(7, o.refundAttempt() ? 1 : 0);
        ps.setObject(8, now);
        ps.setLong(9, o.id());
        ps.setLong(10, o.fence());
        ps.addBatch();
        t.counted();
      }
      ps.executeBatch();
    }
  }

  private List<ReportWrite> writeReports(Connection c, List<ReportWrite> reports, LocalDateTime now)
      throws SQLException {
    if (reports.isEmpty()) {
      return List.of();
    }
    Map<String, ReportUpdate> distinct = new LinkedHashMap<>();
    for (ReportWrite w : reports) {
      distinct.put(
          w.report().serial(),
          update(w, t)); // a repeated report in one batch: the last one is written
    }
    Set<String> known =
        reportWriter.write(c, t.sendTable(), new ArrayList<>(distinct.values()), now, t.counter());
    List<ReportWrite> orphans = new ArrayList<>();
    for (ReportWrite w : reports) {
      if (!known.contains(w.report().serial())) {
        orphans.add(w);
      }
    }
    insertOrphans(c, orphans);
    return orphans;
  }

  /**
   * The columns a report sets; SENDTIME (Korean time on the wire) becomes DELIVERED_AT in the
   * tables' zone.
   */
  static ReportUpdate update(ReportWrite w, Tables t) {
    Report r = w.report();
    return new ReportUpdate(
        r.serial(),
        (r.isDelivered() ? MessageStatus.DONE : MessageStatus.FAILED).code(),
        r.result(),
        r.isDelivered() ? null : cut(failureText(r), 400),
        cut(r.message().toWire(), 15),
        r.message().kakaoErrorCode().map(k -> cut(k, 10)).orElse(null),
        r.message().spam() ? "Y" : "N",
        r.telco().name(),
        r.message().finalType().map(ft -> ft.code()).orElse(null),
        r.gwSerial(),
        t.fromKorea(r.sendTime()),
        w.receivedAt());
  }

  /**
   * RESULT_MSG of a failed delivery: the result code's name and meaning, and Kakao's own error
   * code.
   */
  static String failureText(Report r) {
    ResultCode rc = ResultCode.of(r.result());
    String text =
        (rc == ResultCode.UNKNOWN ? "code " + r.result() : rc.name()) + ": " + rc.meaning();
    return r.message().kakaoErrorCode().map(k -> text + " (Kakao error " + k + ")").orElse(text);
  }

  private void insertOrphans(Connection c, List<ReportWrite> orphans) throws SQLException {
    if (orphans.isEmpty()) {
      return;
    }
    String ins =
        "INSERT INTO "
            + t.prefix()
            + "REPORT_ORPHAN (ACCOUNT, SERIAL, GW_SERIAL, DEST_ADDR, RESULT_CODE, REPORT_FLAGS, TELCO,"
            + " DELIVERED_AT, RECEIVED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(ins)) {
      for (ReportWrite w : orphans) {
        Report r = w.report();
        ps.setString(1, w.account());
        ps.setString(2, r.serial());
        ps.setString(3, r.gwSerial());
        ps.setString(4, r.daAddr());
        ps.setInt(5, r.result());
        ps.setString(6, cut(r.message().toWire(), 15));
        ps.setString(7, r.telco().name());
        ps.setObject(8, t.fromKorea(r.sendTime()), Types.TIMESTAMP);
        ps.setObject(9, w.receivedAt());
        ps.addBatch();
        t.counted();
      }
      ps.executeBatch();
    }
  }
}
