package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.store.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One interval's traffic per account, read from the rows' own timestamps: REPORTs stored (by
 * REPORT_AT), insert→ACK latency of the rows ACKed in it (ACK_AT − CREATED_AT) and ACK→report
 * latency of the rows reported in it (REPORT_AT − ACK_AT). The table, not this node's meters: it
 * covers every node's sending, survives a restart, and is what the operator can check with SQL.
 *
 * <p>Bounded whatever the rate: the counts are grouped statements over the index {@code (STATUS,
 * UPDATED_AT)} (a row's UPDATED_AT is never before its ACK_AT or REPORT_AT, so {@code UPDATED_AT >=
 * from} narrows the scan without losing a row), and the latencies come from at most {@code
 * sampleLimit} rows per interval.
 */
public final class Traffic {
  static final String ANY_STATUS =
      "('READY','SENDING','SENT','DONE','FAILED','REJECTED','EXPIRED','CANCELED')";

  private final Tables t;
  private final int sampleLimit;

  /**
   * @param sampleLimit rows read per interval for each latency (p99 of 2,000 rows rests on 20)
   */
  public Traffic(Tables tables, int sampleLimit) {
    if (sampleLimit < 100) {
      throw new IllegalArgumentException("sampleLimit: " + sampleLimit + " is below 100");
    }
    this.t = tables;
    this.sampleLimit = sampleLimit;
  }

  /**
   * One account's traffic in an interval.
   *
   * @param done REPORTs with result 0 stored in the interval (rows now DONE)
   * @param failed REPORTs with a failure stored in the interval (rows now FAILED)
   * @param acks ACK_CODE to rows whose (last) DELIVER_ACK was written in the interval: every
   *     node's, so their sum is the account's ACKed send rate; a retried row counts its last ACK
   * @param insertToAck over the rows whose (last) ACK was written in the interval
   * @param ackToReport over the rows whose REPORT was stored in the interval
   */
  public record AccountTraffic(
      long done, long failed, Map<Integer, Long> acks, Latency insertToAck, Latency ackToReport) {
    public static final AccountTraffic NONE =
        new AccountTraffic(0, 0, Map.of(), Latency.NONE, Latency.NONE);

    public long reports() {
      return done + failed;
    }

    /** All ACKs in the interval, whatever their code. */
    public long ackTotal() {
      return acks.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The traffic of {@code [from, to)} by account (accounts without any are absent). */
  public Map<String, AccountTraffic> read(LocalDateTime from, LocalDateTime to) {
    String msg = t.sendTable();
    Map<String, long[]> reports = new TreeMap<>();
    Map<String, Map<Integer, Long>> acks = new TreeMap<>();
    Map<String, List<Long>> toAck = new HashMap<>();
    Map<String, List<Long>> toReport = new HashMap<>();
    try (Connection c = t.dataSource().getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ACCOUNT, STATUS, COUNT(*) FROM "
                  + msg
                  + " WHERE STATUS IN ('DONE','FAILED') AND UPDATED_AT >= ?"
                  + " AND REPORT_AT >= ? AND REPORT_AT < ? GROUP BY ACCOUNT, STATUS")) {
        bindWindow(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long[] df = reports.computeIfAbsent(rs.getString(1), k -> new long[2]);
            df["DONE".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ACCOUNT, ACK_CODE, COUNT(*) FROM "
                  + msg
                  + " WHERE STATUS IN "
                  + ANY_STATUS
                  + " AND UPDATED_AT >= ? AND ACK_AT >= ? AND ACK_AT < ?"
                  + " AND ACK_CODE IS NOT NULL GROUP BY ACCOUNT, ACK_CODE")) {
        bindWindow(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            acks.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                .merge(rs.getInt(2), rs.getLong(3), Long::sum);
          }
        }
      }
      sample(
          c,
          "SELECT ACCOUNT, CREATED_AT, ACK_AT FROM "
              + msg
              + " WHERE STATUS IN "
              + ANY_STATUS
              + " AND UPDATED_AT >= ? AND ACK_AT >= ? AND ACK_AT < ? LIMIT ?",
          from,
          to,
          toAck);
      sample(
          c,
          "SELECT ACCOUNT, ACK_AT, REPORT_AT FROM "
              + msg
              + " WHERE STATUS IN ('DONE','FAILED') AND UPDATED_AT >= ?"
              + " AND REPORT_AT >= ? AND REPORT_AT < ? AND ACK_AT IS NOT NULL LIMIT ?",
          from,
          to,
          toReport);
    } catch (SQLException e) {
      throw new StoreException("reading the traffic for the console failed: " + e.getMessage(), e);
    }
    Map<String, AccountTraffic> out = new TreeMap<>();
    List<String> accounts = new ArrayList<>(reports.keySet());
    acks.keySet().stream().filter(a -> !accounts.contains(a)).forEach(accounts::add);
    toAck.keySet().stream().filter(a -> !accounts.contains(a)).forEach(accounts::add);
    toReport.keySet().stream().filter(a -> !accounts.contains(a)).forEach(accounts::add);
    for (String a : accounts) {
      long[] df = reports.getOrDefault(a, new long[2]);
      out.put(
          a,
          new AccountTraffic(
              df[0],
              df[1],
              acks.getOrDefault(a, Map.of()),
              Latency.of(millis(toAck.get(a))),
              Latency.of(millis(toReport.get(a)))));
    }
    return out;
  }

  private static void bindWindow(PreparedStatement ps, LocalDateTime from, LocalDateTime to)
      throws SQLException {
    ps.setObject(1, from);
    ps.setObject(2, from);
    ps.setObject(3, to);
  }

  /** Durations (second column to third) per account, from at most {@code sampleLimit} rows. */
  private void sample(
      Connection c, String sql, LocalDateTime from, LocalDateTime to, Map<String, List<Long>> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindWindow(ps, from, to);
      ps.setInt(4, sampleLimit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDateTime start = rs.getObject(2, LocalDateTime.class);
          LocalDateTime end = rs.getObject(3, LocalDateTime.class);
          if (start != null && end != null) {
            // a clock step between the writers can make a duration negative: shown as 0
            long ms = Math.max(0, Duration.between(start, end).toMillis());
            into.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(ms);
          }
        }
      }
    }
  }

  private static long[] millis(@org.jspecify.annotations.Nullable List<Long> l) {
    if (l == null) {
      return new long[0];
    }
    long[] a = new long[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
