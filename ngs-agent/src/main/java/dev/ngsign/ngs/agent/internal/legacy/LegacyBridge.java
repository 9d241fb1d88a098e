package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs a vendor's tables through the agent's own pipeline, on every node:
 *
 * <ol>
 *   <li><b>import</b>: locks due vendor rows ({@code FOR UPDATE SKIP LOCKED}, so nodes never wait
 *       on each other) that are not in flight yet, and in the same transaction inserts each as a
 *       READY row of the side table {@code <prefix>MSG} and records the link in {@code
 *       <prefix>LEGACY_ROW} (its unique IN_FLIGHT key makes a second import of the same vendor row
 *       fail, whatever the isolation level). From there the ordinary claim, leases, recovery,
 *       retries, expiry, guards and write-back apply unchanged.
 *   <li><b>mirror</b>: side rows whose STATUS differs from the one last written into the vendor row
 *       ({@code LEGACY_ROW.MIRRORED}) are locked (SKIP LOCKED) and the layout writes them into the
 *       vendor's columns; a final state also moves the vendor row to its log table, copies the NGS
 *       codes into LEGACY_ROW, frees the IN_FLIGHT key and deletes the side row (no second copy of
 *       the message or the number is kept), all in one transaction.
 * </ol>
 *
 * A kill -9 anywhere leaves either the whole import or mirror step or none of it. Thread-safe; one
 * {@link #runOnce} at a time per node.
 */
public final class LegacyBridge {
  private static final String SIDE_COLUMNS =
      "MSG_TYPE, DEST_ADDR, CALLBACK, SUBJECT, MSG_TEXT, ENCODING, SENDER_CODE, AD_FLAG, ACCOUNT,"
          + " SCHEDULED_AT, EXPIRES_AT, STATUS, RESULT_CODE, RESULT_MSG, CREATED_AT, UPDATED_AT,"
          + " KKO_SENDER_KEY, KKO_TEMPLATE, KKO_FAILOVER, FALLBACK_TITLE, FALLBACK_TEXT, EXTRAS_JSON,"
          + " NAT_CODE";

  private final DataSource ds;
  private final LegacyLayout layout;
  private final LayoutTables tables;
  private final LegacySql sql;
  private final Dialect dialect;

  public LegacyBridge(DataSource ds, Dialect dialect, LegacyLayout layout, LayoutTables tables) {
    this.ds = ds;
    this.dialect = dialect;
    this.layout = layout;
    this.tables = tables;
    this.sql = new LegacySql(dialect);
  }

  public LegacyLayout layout() {
    return layout;
  }

  public LayoutTables tables() {
    return tables;
  }

  /** What one round did. */
  public record Round(int imported, int mirrored, int finished) {}

  /** One import and one mirror pass of up to {@code limit} rows each. */
  public Round runOnce(LocalDateTime now, int limit) {
    int imported = 0;
    for (LegacyLayout.Source s : layout.sources(tables)) {
      imported += importDue(s, now, limit);
    }
    int[] m = mirror(now, limit);
    return new Round(imported, m[0], m[1]);
  }

  /**
   * Copies up to {@code limit} due rows of {@code s} that are not in flight into the side table, in
   * one transaction.
   *
   * @return rows imported
   */
  public int importDue(LegacyLayout.Source s, LocalDateTime now, int limit) {
    String notInFlight =
        " AND NOT EXISTS (SELECT 1 FROM "
            + tables.sideRows()
            + " l WHERE l.IN_FLIGHT = CONCAT('"
            + inFlightPrefix(s)
            + "', v."
            + s.keyColumn()
            + "))";
    String where = " WHERE " + s.dueWhere() + notInFlight;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<SideRow> rows = new ArrayList<>();
        if (dialect.pickThenLock()) {
          // H2 would lock every matching row before applying LIMIT: pick keys, then lock those
          List<Object> keys = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT v."
                      + s.keyColumn()
                      + " FROM "
                      + s.table()
                      + " v"
                      + where
                      + " ORDER BY "
                      + s.orderBy()
                      + " LIMIT ?")) {
            int i = bindNow(ps, s.dueWhere(), now);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                keys.add(rs.getObject(1));
              }
            }
          }
          if (!keys.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + s.columns()
                        + " FROM "
                        + s.table()
                        + " v WHERE v."
                        + s.keyColumn()
                        + " IN ("
                        + placeholders(keys.size())
                        + ") AND "
                        + s.dueWhere()
                        + " ORDER BY "
                        + s.orderBy()
                        + " FOR UPDATE SKIP LOCKED")) {
              int i = 1;
              for (Object k : keys) {
                ps.setObject(i++, k);
              }
              bindNow(ps, s.dueWhere(), now, i);
              read(s, ps, c, rows);
            }
          }
        } else {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + s.columns()
                      + " FROM "
                      + s.table()
                      + " v"
                      + where
                      + " ORDER BY "
                      + s.orderBy()
                      + dialect.limitForUpdateSkipLocked())) {
            int i = bindNow(ps, s.dueWhere(), now);
            ps.setInt(i, limit);
            read(s, ps, c, rows);
          }
        }
        for (SideRow r : rows) {
          insertSide(c, s, r, now);
        }
        c.commit();
        return rows.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "importing due rows of " + s.table() + " failed: " + e.getMessage(), e);
    }
  }

  private void read(LegacyLayout.Source s, PreparedStatement ps, Connection c, List<SideRow> into)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(layout.map(s, rs, c, tables));
      }
    }
  }

  private static int bindNow(PreparedStatement ps, String dueWhere, LocalDateTime now)
      throws SQLException {
    return bindNow(ps, dueWhere, now, 1);
  }

  private static int bindNow(PreparedStatement ps, String dueWhere, LocalDateTime now, int from)
      throws SQLException {
    int i = from;
    for (char ch : dueWhere.toCharArray()) {
      if (ch == '?') {
        ps.setObject(i++, now);
      }
    }
    return i;
  }

  private static String inFlightPrefix(LegacyLayout.Source s) {
    return s.table() + ":";
  }

  private void insertSide(Connection c, LegacyLayout.Source s, SideRow r, LocalDateTime now)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + tables.sideMessages()
                + " ("
                + SIDE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int i = 1;
      ps.setString(i++, r.msgType());
      ps.setString(i++, r.destAddr());
      ps.setString(i++, r.callback());
      ps.setString(i++, r.subject());
      ps.setString(i++, r.text());
      ps.setInt(i++, r.encoding());
      ps.setString(i++, r.senderCode());
      ps.setString(i++, r.advertising() ? "Y" : "N");
      ps.setObject(i++, r.scheduledAt(), Types.TIMESTAMP);
      ps.setObject(i++, r.expiresAt(), Types.TIMESTAMP);
      ps.setString(
          i++, r.rejectCode() == null ? MessageStatus.READY.code() : MessageStatus.REJECTED.code());
      if (r.rejectCode() == null) {
        ps.setNull(i++, Types.INTEGER);
      } else {
        ps.setInt(i++, r.rejectCode());
      }
      ps.setString(i++, r.rejectReason());
      ps.setObject(i++, now);
      ps.setObject(i++, now);
      SideRow.Kakao k = r.kakao();
      ps.setString(i++, k == null ? null : k.senderKey());
      ps.setString(i++, k == null ? null : k.template());
      if (k == null) {
        ps.setNull(i++, Types.SMALLINT);
      } else {
        ps.setInt(i++, k.failover());
      }
      ps.setString(i++, k == null ? null : k.fallbackTitle());
      ps.setString(i++, k == null ? null : k.fallbackText());
      ps.setString(i++, k == null ? null : k.extrasJson());
      ps.setString(i++, k == null ? null : k.natCode());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated ID for the side row");
        }
        id = keys.getLong(1);
      }
    }
    int seq = 1;
    for (SideRow.Image img : r.images()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + tables.sidePrefix()
                  + "MSG_ATTACH (MSG_ID, SEQ, MTYPE, FILE_NAME, DATA) VALUES (?, ?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setInt(2, seq++);
        ps.setInt(3, img.mtype());
        ps.setString(4, cut(img.fileName(), 200));
        ps.setBytes(5, img.data());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + tables.sideRows()
                + " (MSG_ID, SRC_TABLE, SRC_KEY, IN_FLIGHT, VENDOR_RESULT, IMPORTED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, s.table());
      ps.setString(3, r.key());
      ps.setString(4, inFlightPrefix(s) + r.key());
      ps.setString(5, r.vendorResult());
      ps.setObject(6, now);
      ps.executeUpdate();
    }
  }

  /**
   * Writes changed side rows into the vendor's rows; finished ones move to the vendor's log.
   *
   * @return {rows mirrored, of which finished}
   */
  public int[] mirror(LocalDateTime now, int limit) {
    String msg = tables.sideMessages();
    String rowsTable = tables.sideRows();
    String changed =
        "SELECT m.ID FROM "
            + msg
            + " m JOIN "
            + rowsTable
            + " l ON l.MSG_ID = m.ID WHERE m.STATUS NOT IN ('READY','SENDING')"
            + " AND (l.MIRRORED IS NULL OR l.MIRRORED <> m.STATUS) ORDER BY m.ID LIMIT ?";
    List<Long> ids = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(changed)) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      // READY after SENT (a re-send or a crash): mirrored too, so the next SENT is written again
      ids.addAll(backToReady(c, limit));
      if (ids.isEmpty()) {
        return new int[] {0, 0};
      }
      List<Reflection> changes = read(c, ids, now);
      for (Reflection r : changes) {
        if (r.status().terminal()) {
          String log = layout.logTable(r, tables);
          if (log != null) {
            sql.ensureLog(c, log, r.table());
          }
        }
      }
      c.setAutoCommit(false);
      int finished = 0;
      int mirrored = 0;
      try {
        List<Long> locked = lock(c, ids);
        for (Reflection r : changes) {
          if (!locked.contains(r.msgId())) {
            continue; // another node is writing it
          }
          String log = r.status().terminal() ? layout.logTable(r, tables) : null;
          String vendorResult = layout.reflect(c, r, log, tables);
          if (r.status().terminal()) {
            finish(c, r, vendorResult, now);
            finished++;
          } else {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE " + rowsTable + " SET MIRRORED = ?, SERIAL = ? WHERE MSG_ID = ?")) {
              ps.setString(1, r.status().code());
              ps.setString(2, r.serial());
              ps.setLong(3, r.msgId());
              ps.executeUpdate();
            }
          }
          mirrored++;
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return new int[] {mirrored, finished};
    } catch (SQLException e) {
      throw new StoreException(
          "writing results into " + layout.name() + " tables failed: " + e.getMessage(), e);
    }
  }

  private List<Long> backToReady(Connection c, int limit) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.ID FROM "
                + tables.sideMessages()
                + " m JOIN "
                + tables.sideRows()
                + " l ON l.MSG_ID = m.ID WHERE m.STATUS = 'READY' AND l.MIRRORED = 'SENT'"
                + " ORDER BY m.ID LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Locks the LEGACY_ROW entries of {@code ids} that no other node holds. */
  private List<Long> lock(Connection c, List<Long> ids) throws SQLException {
    List<Long> locked = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MSG_ID FROM "
                + tables.sideRows()
                + " WHERE MSG_ID IN ("
                + placeholders(ids.size())
                + ") AND IN_FLIGHT IS NOT NULL ORDER BY MSG_ID FOR UPDATE SKIP LOCKED")) {
      int i = 1;
      for (Long id : ids) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          locked.add(rs.getLong(1));
        }
      }
    }
    return locked;
  }

  private List<Reflection> read(Connection c, List<Long> ids, LocalDateTime now)
      throws SQLException {
    List<Reflection> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.SRC_TABLE, l.SRC_KEY, m.ID, m.STATUS, m.ACK_CODE, m.ACK_AT, m.RESULT_CODE,"
                + " m.RESULT_MSG, m.REPORT_FLAGS, m.TELCO, m.DELIVERED_AT, m.REPORT_AT,"
                + " m.SCHEDULED_AT, m.SERIAL, l.VENDOR_RESULT FROM "
                + tables.sideMessages()
                + " m JOIN "
                + tables.sideRows()
                + " l ON l.MSG_ID = m.ID WHERE m.ID IN ("
                + placeholders(ids.size())
                + ") ORDER BY m.ID")) {
      int i = 1;
      for (Long id : ids) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          MessageStatus st = MessageStatus.fromCode(rs.getString(4));
          if (st == null) {
            continue; // a value an operator wrote by hand: left alone
          }
          out.add(
              new Reflection(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  st,
                  rs.getObject(5, Integer.class),
                  rs.getObject(6, LocalDateTime.class),
                  rs.getObject(7, Integer.class),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getObject(11, LocalDateTime.class),
                  rs.getObject(12, LocalDateTime.class),
                  rs.getObject(13, LocalDateTime.class),
                  rs.getString(14),
                  rs.getString(15),
                  now));
        }
      }
    }
    return out;
  }

  /**
   * Keeps the NGS codes in LEGACY_ROW, frees the vendor key for a later import and deletes the side
   * row with its images: the vendor's log row is now the message's record.
   */
  private void finish(Connection c, Reflection r, @Nullable String vendorResult, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + tables.sideRows()
                + " SET IN_FLIGHT = NULL, MIRRORED = ?, SERIAL = ?, STATUS = ?, ACK_CODE = ?,"
                + " RESULT_CODE = ?, REPORT_FLAGS = ?, TELCO = ?, VENDOR_RESULT = ?, FINISHED_AT = ?"
                + " WHERE MSG_ID = ?")) {
      ps.setString(1, r.status().code());
      ps.setString(2, r.serial());
      ps.setString(3, r.status().code());
      setInt(ps, 4, r.ackCode());
      setInt(ps, 5, r.resultCode());
      ps.setString(6, r.reportFlags());
      ps.setString(7, r.telco());
      ps.setString(8, vendorResult);
      ps.setObject(9, now);
      ps.setLong(10, r.msgId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + tables.sidePrefix() + "MSG_ATTACH WHERE MSG_ID = ?")) {
      ps.setLong(1, r.msgId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM " + tables.sideMessages() + " WHERE ID = ? AND STATUS = ?")) {
      ps.setLong(1, r.msgId());
      ps.setString(2, r.status().code());
      if (ps.executeUpdate() != 1) {
        // a late REPORT changed it since it was read: this round's write is rolled back and redone
        throw new SQLException("side row " + r.msgId() + " changed while finishing; retried");
      }
    }
  }

  static void setInt(PreparedStatement ps, int i, @Nullable Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  static String placeholders(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  static @Nullable String cut(@Nullable String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
