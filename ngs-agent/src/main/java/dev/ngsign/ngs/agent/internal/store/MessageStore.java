package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.protocol.packet.Report;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Every statement on the send table. Each public method is one short transaction; none holds a lock
 * across a network call. Thread-safe (connections come from the pool per call).
 */
public final class MessageStore {
  private static final String COLUMNS = "ID, MSG_TYPE, DEST_ADDR, CALLBACK, SUBJECT, MSG_TEXT, ENCODING, SENDER_CODE,"
      + " KKO_SENDER_KEY, KKO_TEMPLATE, KKO_METHOD, KKO_FAILOVER, FALLBACK_TITLE, FALLBACK_TEXT, EXTRAS_JSON,"
      + " DEPT_CODE, NAT_CODE, AD_FLAG, ACCOUNT, SCHEDULED_AT, EXPIRES_AT, ATTEMPTS, SERIAL, CREATED_AT";
  private static final String FINAL_STATUSES = "('DONE','FAILED','REJECTED','EXPIRED','CANCELED')";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  private final DataSource ds;
  private final Dialect dialect;
  private final String prefix;
  private final String msg;
  private final String serialPrefix;
  private final LongAdder statements = new LongAdder();

  /**
   * @param serialPrefix prepended to the ID to make a row's SERIAL when the row has none (letters and
   *     digits only, at most 4)
   */
  public MessageStore(DataSource ds, Dialect dialect, String prefix, String serialPrefix) {
    if (!serialPrefix.matches("[A-Za-z0-9]{0,4}")) {
      throw new IllegalArgumentException("serial prefix must be 0 to 4 letters or digits");
    }
    this.ds = ds;
    this.dialect = dialect;
    this.prefix = prefix;
    this.msg = prefix + "MSG";
    this.serialPrefix = serialPrefix;
  }

  public String sendTable() {
    return msg;
  }

  public String prefix() {
    return prefix;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Statements executed so far (a JDBC batch counts once per row), for the benchmark. */
  public long statementCount() {
    return statements.sum();
  }

  /** The SERIAL a row is sent with: its own SERIAL column, else the serial prefix and its ID. */
  public String serialOf(MessageRow r) {
    return r.serial() != null && !r.serial().isBlank() ? r.serial() : serialPrefix + r.id();
  }

  /**
   * Claims up to {@code limit} due READY rows of an account: locks them with {@code FOR UPDATE SKIP
   * LOCKED}, marks them SENDING with this node's fence and gives them their SERIAL, in one transaction.
   *
   * @param includeUnassigned also claim rows whose ACCOUNT is empty (the default account), assigning them
   */
  public List<MessageRow> claim(String account, boolean includeUnassigned, LocalDateTime now, int limit, String nodeId, long fence) {
    // One index-ordered query per ACCOUNT value (an OR would make every claim sort all READY rows): the
    // index (STATUS, ACCOUNT, ID) then yields the oldest due rows first and stops at the limit. ACCOUNT ''
    // is the default account (NOT NULL since V2: IS NULL is not index-ordered on PostgreSQL).
    String due = " AND (SCHEDULED_AT IS NULL OR SCHEDULED_AT <= ?) AND (NEXT_TRY_AT IS NULL OR NEXT_TRY_AT <= ?)"
        + " ORDER BY STATUS, ACCOUNT, ID";
    String cols = dialect.pickThenLock() ? "ID" : COLUMNS;
    String lock = dialect.pickThenLock() ? " LIMIT ?" : dialect.limitForUpdateSkipLocked();
    String mine = "SELECT " + cols + " FROM " + msg + " WHERE STATUS = 'READY' AND ACCOUNT = ?" + due + lock;
    String unassigned = "SELECT " + cols + " FROM " + msg + " WHERE STATUS = 'READY' AND ACCOUNT = ''" + due + lock;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<MessageRow> rows = new ArrayList<>();
        select(c, mine, account, now, limit, rows);
        if (includeUnassigned) {
          select(c, unassigned, null, now, limit, rows);
          rows.sort(java.util.Comparator.comparingLong(MessageRow::id));
          if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit)); // the rest stay READY; their locks end with this transaction
          }
        }
        if (!rows.isEmpty()) {
          String upd = "UPDATE " + msg + " SET STATUS = 'SENDING', ACCOUNT = ?, NODE_ID = ?, FENCE = ?,"
              + " ATTEMPTS = ATTEMPTS + 1, SERIAL = COALESCE(SERIAL, CONCAT('" + serialPrefix + "', ID)), UPDATED_AT = ?"
              + " WHERE ID IN (" + placeholders(rows.size()) + ")";
          try (PreparedStatement ps = c.prepareStatement(upd)) {
            int i = 1;
            ps.setString(i++, account);
            ps.setString(i++, nodeId);
            ps.setLong(i++, fence);
            ps.setObject(i++, now);
            for (MessageRow r : rows) {
              ps.setLong(i++, r.id());
            }
            statements.increment();
            ps.executeUpdate();
          }
        }
        c.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("claim for account " + account + " failed: " + e.getMessage(), e);
    }
  }

  private void select(Connection c, String sql, String account, LocalDateTime now, int limit, List<MessageRow> into) throws SQLException {
    List<Long> picked = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (account != null) {
        ps.setString(i++, account);
      }
      ps.setObject(i++, now);
      ps.setObject(i++, now);
      ps.setInt(i, limit);
      statements.increment();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (dialect.pickThenLock()) {
            picked.add(rs.getLong(1));
          } else {
            into.add(read(rs));
          }
        }
      }
    }
    if (picked.isEmpty()) {
      return;
    }
    String lock = "SELECT " + COLUMNS + " FROM " + msg + " WHERE ID IN (" + placeholders(picked.size()) + ") AND STATUS = 'READY'"
        + " ORDER BY ID FOR UPDATE SKIP LOCKED";
    try (PreparedStatement ps = c.prepareStatement(lock)) {
      bindIds(ps, picked);
      statements.increment();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.add(read(rs));
        }
      }
    }
  }

  /** The attachments of the given rows, by row, in SEQ order. */
  public Map<Long, List<Attachment>> attachments(Collection<Long> ids) {
    Map<Long, List<Attachment>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String sql = "SELECT MSG_ID, SEQ, MTYPE, DATA FROM " + prefix + "MSG_ATTACH WHERE MSG_ID IN ("
        + placeholders(ids.size()) + ") ORDER BY MSG_ID, SEQ, ID";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Long id : ids) {
        ps.setLong(i++, id);
      }
      statements.increment();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Attachment a = new Attachment(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4));
          out.computeIfAbsent(a.msgId(), k -> new ArrayList<>()).add(a);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading attachments failed: " + e.getMessage(), e);
    }
  }

  /**
   * Puts the account's SENDING rows claimed under an older fence back to READY, keeping their SERIAL:
   * they were caught between claim and ACK by a holder that is gone, and are sent again with the same
   * SERIAL (the gateway takes a repeated SERIAL as the same message).
   */
  public int recover(String account, long fence, LocalDateTime now) {
    String sql = "UPDATE " + msg + " SET STATUS = 'READY', NEXT_TRY_AT = NULL, UPDATED_AT = ?"
        + " WHERE STATUS = 'SENDING' AND ACCOUNT = ? AND (FENCE IS NULL OR FENCE < ?)";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, now);
      ps.setString(2, account);
      ps.setLong(3, fence);
      statements.increment();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("recovering in-flight rows of " + account + " failed: " + e.getMessage(), e);
    }
  }

  /** One write-back transaction: E_OK ACKs, other outcomes, reports. */
  public WriteResult write(List<AckOk> oks, List<Outcome> outcomes, List<ReportWrite> reports, LocalDateTime now) {
    try (Connection c = ds.getConnection()) {
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

  /** What one write-back did. */
  public record WriteResult(int orphanReports) {}

  /** An E_OK DELIVER_ACK for a row claimed with {@code fence}. */
  public record AckOk(long id, long fence, LocalDateTime at) {}

  /** A REPORT to apply, with the account it came in on. */
  public record ReportWrite(String account, Report report, LocalDateTime receivedAt) {}

  private void writeOks(Connection c, List<AckOk> oks, LocalDateTime now) throws SQLException {
    if (oks.isEmpty()) {
      return;
    }
    // Grouped by fence so that one statement covers many rows; a report may already have ended the row.
    Map<Long, List<AckOk>> byFence = new LinkedHashMap<>();
    for (AckOk a : oks) {
      byFence.computeIfAbsent(a.fence(), k -> new ArrayList<>()).add(a);
    }
    for (Map.Entry<Long, List<AckOk>> e : byFence.entrySet()) {
      List<AckOk> group = e.getValue();
      for (int from = 0; from < group.size(); from += 500) {
        List<AckOk> part = group.subList(from, Math.min(group.size(), from + 500));
        String sql = "UPDATE " + msg + " SET STATUS = CASE WHEN STATUS = 'SENDING' THEN 'SENT' ELSE STATUS END,"
            + " ACK_CODE = 0, ACK_AT = ?, UPDATED_AT = ? WHERE FENCE = ? AND ID IN (" + placeholders(part.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setObject(i++, part.get(part.size() - 1).at());
          ps.setObject(i++, now);
          ps.setLong(i++, e.getKey());
          for (AckOk a : part) {
            ps.setLong(i++, a.id());
          }
          statements.increment();
          ps.executeUpdate();
        }
      }
    }
  }

  private void writeOutcomes(Connection c, List<Outcome> outcomes, LocalDateTime now) throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    String sql = "UPDATE " + msg + " SET STATUS = ?, ACK_CODE = ?, ACK_AT = ?, RESULT_CODE = ?, RESULT_MSG = ?,"
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
        statements.increment();
      }
      ps.executeBatch();
    }
  }

  private List<ReportWrite> writeReports(Connection c, List<ReportWrite> reports, LocalDateTime now) throws SQLException {
    if (reports.isEmpty()) {
      return List.of();
    }
    List<ReportWrite> orphans = switch (dialect) {
      case POSTGRESQL -> updateReportsBulk(c, reports, now);
      case MARIADB -> updateReportsJoin(c, reports, now);
      default -> updateReportsBatched(c, reports, now);
    };
    insertOrphans(c, orphans);
    return orphans;
  }

  /** PostgreSQL: one {@code UPDATE ... FROM (VALUES ...) RETURNING} per 500 reports; unmatched SERIALs are orphans. */
  private List<ReportWrite> updateReportsBulk(Connection c, List<ReportWrite> reports, LocalDateTime now) throws SQLException {
    Set<String> known = new HashSet<>();
    for (int from = 0; from < reports.size(); from += 500) {
      List<ReportWrite> part = reports.subList(from, Math.min(reports.size(), from + 500));
      StringBuilder sql = new StringBuilder("UPDATE ").append(msg).append(" AS m SET STATUS = v.st, RESULT_CODE = v.rc, RESULT_MSG = NULL,"
          + " REPORT_FLAGS = v.fl, KKO_ERROR = v.ke, SPAM_FLAG = v.sp, TELCO = v.te, FINAL_TYPE = v.ft, GW_SERIAL = v.gw,"
          + " DELIVERED_AT = v.da, REPORT_AT = v.ra, NEXT_TRY_AT = NULL, UPDATED_AT = ? FROM (VALUES ");
      for (int k = 0; k < part.size(); k++) {
        sql.append(k == 0
            ? "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))"
            : ",(?,?,?,?,?,?,?,?,?,?,?)");
      }
      sql.append(") AS v(serial, st, rc, fl, ke, sp, te, ft, gw, da, ra) WHERE m.SERIAL = v.serial RETURNING m.SERIAL");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        ps.setObject(i++, now);
        for (ReportWrite w : part) {
          Report r = w.report();
          ps.setString(i++, r.serial());
          i = bindOutcome(ps, i, r);
          ps.setObject(i++, w.receivedAt(), Types.TIMESTAMP);
        }
        statements.increment();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
    }
    List<ReportWrite> orphans = new ArrayList<>();
    for (ReportWrite w : reports) {
      if (!known.contains(w.report().serial())) {
        orphans.add(w);
      }
    }
    return orphans;
  }

  /**
   * MariaDB: find the known SERIALs (one SELECT per 500), then one multi-table {@code UPDATE ... JOIN} over
   * a derived table of the known reports per 500.
   */
  private List<ReportWrite> updateReportsJoin(Connection c, List<ReportWrite> reports, LocalDateTime now) throws SQLException {
    Set<String> known = knownSerials(c, reports);
    List<ReportWrite> orphans = new ArrayList<>();
    Map<String, ReportWrite> toWrite = new LinkedHashMap<>();
    for (ReportWrite w : reports) {
      if (known.contains(w.report().serial())) {
        toWrite.put(w.report().serial(), w); // a repeated report in one batch: the last one is written
      } else {
        orphans.add(w);
      }
    }
    List<ReportWrite> list = new ArrayList<>(toWrite.values());
    for (int from = 0; from < list.size(); from += 500) {
      List<ReportWrite> part = list.subList(from, Math.min(list.size(), from + 500));
      StringBuilder sql = new StringBuilder("UPDATE ").append(msg).append(" m JOIN (");
      for (int k = 0; k < part.size(); k++) {
        sql.append(k == 0
            ? "SELECT CAST(? AS CHAR(20)) AS serial, CAST(? AS CHAR(10)) AS st, CAST(? AS SIGNED) AS rc, CAST(? AS CHAR(15)) AS fl,"
                + " CAST(? AS CHAR(10)) AS ke, CAST(? AS CHAR(1)) AS sp, CAST(? AS CHAR(3)) AS te, CAST(? AS CHAR(1)) AS ft,"
                + " CAST(? AS CHAR(16)) AS gw, CAST(? AS DATETIME(3)) AS da, CAST(? AS DATETIME(3)) AS ra"
            : " UNION ALL SELECT ?,?,?,?,?,?,?,?,?,?,?");
      }
      sql.append(") v ON m.SERIAL = v.serial COLLATE utf8mb4_bin SET m.STATUS = v.st, m.RESULT_CODE = v.rc, m.RESULT_MSG = NULL,"
          + " m.REPORT_FLAGS = v.fl, m.KKO_ERROR = v.ke, m.SPAM_FLAG = v.sp, m.TELCO = v.te, m.FINAL_TYPE = v.ft, m.GW_SERIAL = v.gw,"
          + " m.DELIVERED_AT = v.da, m.REPORT_AT = v.ra, m.NEXT_TRY_AT = NULL, m.UPDATED_AT = ?");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (ReportWrite w : part) {
          Report r = w.report();
          ps.setString(i++, r.serial());
          i = bindOutcome(ps, i, r);
          ps.setObject(i++, w.receivedAt(), Types.TIMESTAMP);
        }
        ps.setObject(i, now);
        statements.increment();
        ps.executeUpdate();
      }
    }
    return orphans;
  }

  private Set<String> knownSerials(Connection c, List<ReportWrite> reports) throws SQLException {
    Set<String> known = new HashSet<>();
    for (int from = 0; from < reports.size(); from += 500) {
      List<ReportWrite> part = reports.subList(from, Math.min(reports.size(), from + 500));
      try (PreparedStatement ps = c.prepareStatement("SELECT SERIAL FROM " + msg + " WHERE SERIAL IN (" + placeholders(part.size()) + ")")) {
        int i = 1;
        for (ReportWrite r : part) {
          ps.setString(i++, r.report().serial());
        }
        statements.increment();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
    }
    return known;
  }

  private List<ReportWrite> updateReportsBatched(Connection c, List<ReportWrite> reports, LocalDateTime now) throws SQLException {
    // Which SERIALs exist: one query, because a batched UPDATE's counts are not reliable on every driver.
    Set<String> known = new HashSet<>();
    for (int from = 0; from < reports.size(); from += 500) {
      List<ReportWrite> part = reports.subList(from, Math.min(reports.size(), from + 500));
      try (PreparedStatement ps = c.prepareStatement("SELECT SERIAL FROM " + msg + " WHERE SERIAL IN (" + placeholders(part.size()) + ")")) {
        int i = 1;
        for (ReportWrite r : part) {
          ps.setString(i++, r.report().serial());
        }
        statements.increment();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
    }
    List<ReportWrite> orphans = new ArrayList<>();
    String sql = "UPDATE " + msg + " SET STATUS = ?, RESULT_CODE = ?, RESULT_MSG = NULL, REPORT_FLAGS = ?, KKO_ERROR = ?, SPAM_FLAG = ?,"
        + " TELCO = ?, FINAL_TYPE = ?, GW_SERIAL = ?, DELIVERED_AT = ?, REPORT_AT = ?, NEXT_TRY_AT = NULL, UPDATED_AT = ? WHERE SERIAL = ?";
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (ReportWrite w : reports) {
        Report r = w.report();
        if (!known.contains(r.serial())) {
          orphans.add(w);
          continue;
        }
        int i = bindOutcome(ps, 1, r);
        ps.setObject(i, w.receivedAt());
        ps.setObject(11, now);
        ps.setString(12, r.serial());
        ps.addBatch();
        statements.increment();
        n++;
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
    return orphans;
  }

  private void insertOrphans(Connection c, List<ReportWrite> orphans) throws SQLException {
    if (!orphans.isEmpty()) {
      String ins = "INSERT INTO " + prefix + "REPORT_ORPHAN (ACCOUNT, SERIAL, GW_SERIAL, DEST_ADDR, RESULT_CODE, REPORT_FLAGS, TELCO,"
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
          ps.setObject(8, r.sendTime(), Types.TIMESTAMP);
          ps.setObject(9, w.receivedAt());
          ps.addBatch();
          statements.increment();
        }
        ps.executeBatch();
      }
    }
  }

  /**
   * SENT rows ACKed before {@code ackedBefore} with attempts left go back to READY (same SERIAL), to be
   * sent again; see {@code expiry.resend-unreported-after}.
   */
  public int resendUnreported(LocalDateTime ackedBefore, int maxAttempts, LocalDateTime now) {
    String sql = "UPDATE " + msg + " SET STATUS = 'READY', NEXT_TRY_AT = NULL, RESULT_MSG = ?, UPDATED_AT = ?"
        + " WHERE STATUS = 'SENT' AND ACK_AT < ? AND ATTEMPTS < ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "no REPORT after the ACK: sent again with the same SERIAL");
      ps.setObject(2, now);
      ps.setObject(3, ackedBefore);
      ps.setInt(4, maxAttempts);
      statements.increment();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("re-send sweep failed: " + e.getMessage(), e);
    }
  }

  /** SENT rows whose ACK is older than {@code ackedBefore} end FAILED with {@link AgentCode#REPORT_TIMEOUT}. */
  public int failReportTimeouts(LocalDateTime ackedBefore, LocalDateTime now) {
    String sql = "UPDATE " + msg + " SET STATUS = 'FAILED', RESULT_CODE = ?, RESULT_MSG = ?, UPDATED_AT = ?"
        + " WHERE STATUS = 'SENT' AND ACK_AT < ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, AgentCode.REPORT_TIMEOUT.code());
      ps.setString(2, AgentCode.REPORT_TIMEOUT.meaning());
      ps.setObject(3, now);
      ps.setObject(4, ackedBefore);
      statements.increment();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("report timeout sweep failed: " + e.getMessage(), e);
    }
  }

  /**
   * Moves up to {@code limit} final rows last updated before {@code before} into {@code <prefix>MSG_LOG_YYYYMM}
   * (month of UPDATED_AT), creating the table when needed; their attachments are deleted with them. One
   * transaction per month: a row is either in the send table or in its log table, never both or neither.
   *
   * @return rows moved
   */
  public int moveToLog(LocalDateTime before, int limit) {
    Map<String, List<Long>> byMonth = new LinkedHashMap<>();
    String sel = "SELECT ID, UPDATED_AT FROM " + msg + " WHERE STATUS IN " + FINAL_STATUSES + " AND UPDATED_AT < ? ORDER BY ID LIMIT ?";
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sel)) {
        ps.setObject(1, before);
        ps.setInt(2, limit);
        statements.increment();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LocalDateTime at = rs.getObject(2, LocalDateTime.class);
            byMonth.computeIfAbsent(at.format(MONTH), k -> new ArrayList<>()).add(rs.getLong(1));
          }
        }
      }
      int moved = 0;
      for (Map.Entry<String, List<Long>> e : byMonth.entrySet()) {
        String log = logTable(e.getKey());
        try (Statement st = c.createStatement()) {
          st.execute(dialect.createLikeSql(log, msg));
        }
        c.setAutoCommit(false);
        try {
          String in = placeholders(e.getValue().size());
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + log + " SELECT * FROM " + msg + " WHERE ID IN (" + in + ")"
              + " AND STATUS IN " + FINAL_STATUSES)) {
            bindIds(ps, e.getValue());
            statements.increment();
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + msg + " WHERE ID IN (" + in + ") AND STATUS IN " + FINAL_STATUSES)) {
            bindIds(ps, e.getValue());
            statements.increment();
            moved += ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException ex) {
          c.rollback();
          throw ex;
        } finally {
          c.setAutoCommit(true);
        }
      }
      return moved;
    } catch (SQLException e) {
      throw new StoreException("moving rows to the log table failed: " + e.getMessage(), e);
    }
  }

  /** The log table name for a month {@code yyyyMM}. */
  public String logTable(String yyyyMM) {
    return prefix + "MSG_LOG_" + yyyyMM;
  }

  /** Rows per non-final status (READY, SENDING, SENT), for the queue-depth gauge. */
  public Map<String, Long> openCounts() {
    Map<String, Long> out = new HashMap<>();
    String sql = "SELECT STATUS, COUNT(*) FROM " + msg + " WHERE STATUS IN ('READY','SENDING','SENT') GROUP BY STATUS";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("counting open rows failed: " + e.getMessage(), e);
    }
  }

  private static void bindIds(PreparedStatement ps, List<Long> ids) throws SQLException {
    int i = 1;
    for (Long id : ids) {
      ps.setLong(i++, id);
    }
  }

  private static MessageRow read(ResultSet rs) throws SQLException {
    return new MessageRow(
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        (Integer) rs.getObject(12, Integer.class), rs.getString(13), rs.getString(14), rs.getString(15),
        rs.getString(16), rs.getString(17), "Y".equalsIgnoreCase(rs.getString(18)), rs.getString(19),
        rs.getObject(20, LocalDateTime.class), rs.getObject(21, LocalDateTime.class), rs.getInt(22),
        rs.getString(23), rs.getObject(24, LocalDateTime.class));
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ",?");
    }
    return sb.toString();
  }

  /**
   * Binds a report's outcome columns in the order every report UPDATE uses: STATUS, RESULT_CODE,
   * REPORT_FLAGS, KKO_ERROR, SPAM_FLAG, TELCO, FINAL_TYPE, GW_SERIAL, DELIVERED_AT. Returns the next index.
   */
  private static int bindOutcome(PreparedStatement ps, int i, Report r) throws SQLException {
    ps.setString(i++, (r.isDelivered() ? MessageStatus.DONE : MessageStatus.FAILED).code());
    ps.setInt(i++, r.result());
    ps.setString(i++, cut(r.message().toWire(), 15));
    ps.setString(i++, r.message().kakaoErrorCode().map(k -> cut(k, 10)).orElse(null));
    ps.setString(i++, r.message().spam() ? "Y" : "N");
    ps.setString(i++, r.telco().name());
    ps.setString(i++, r.message().finalType().map(t -> t.code()).orElse(null));
    ps.setString(i++, r.gwSerial());
    ps.setObject(i++, r.sendTime(), Types.TIMESTAMP);
    return i;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
