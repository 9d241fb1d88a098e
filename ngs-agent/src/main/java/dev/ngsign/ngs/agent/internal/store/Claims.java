package dev.ngsign.ngs.agent.internal.store;

import static dev.ngsign.ngs.agent.internal.store.Tables.bindIds;
import static dev.ngsign.ngs.agent.internal.store.Tables.placeholders;

import dev.ngsign.ngs.agent.StoreException;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claiming: locks due READY rows of an account, marks them SENDING under the holder's fence and
 * gives them their SERIAL, in one short transaction; reads their attachments.
 */
public final class Claims {
  private static final String COLUMNS =
      "ID, MSG_TYPE, DEST_ADDR, CALLBACK, SUBJECT, MSG_TEXT, ENCODING, SENDER_CODE,"
          + " KKO_SENDER_KEY, KKO_TEMPLATE, KKO_METHOD, KKO_FAILOVER, FALLBACK_TITLE, FALLBACK_TEXT, EXTRAS_JSON,"
          + " DEPT_CODE, NAT_CODE, AD_FLAG, ACCOUNT, SCHEDULED_AT, EXPIRES_AT, ATTEMPTS, SERIAL, CREATED_AT";

  /**
   * SERIAL is 20C on the wire; an ID too long for prefix + epoch + ID (above 10 digits) goes
   * without the epoch.
   */
  static final int MAX_SERIAL = 20;

  private final Tables t;
  private final String serialPrefix;
  private volatile String epoch = "";

  /**
   * @param serialPrefix prepended to the ID to make a row's SERIAL when the row has none (letters
   *     and digits only, at most 4)
   */
  public Claims(Tables tables, String serialPrefix) {
    if (!serialPrefix.matches("[A-Za-z0-9]{0,4}")) {
      throw new IllegalArgumentException("serial prefix must be 0 to 4 letters or digits");
    }
    this.t = tables;
    this.serialPrefix = serialPrefix;
  }

  /**
   * Sets the SERIAL epoch of this start ({@link SerialEpochs}); before, generated SERIALs have
   * none.
   */
  public void useEpoch(String e) {
    if (!e.matches("[0-9A-Z]{0," + SerialEpochs.LENGTH + "}")) {
      throw new IllegalArgumentException("not an epoch: " + e);
    }
    this.epoch = e;
  }

  /**
   * The SERIAL a row is sent with: its own SERIAL column, else the serial prefix, the epoch and its
   * ID.
   */
  public String serialOf(MessageRow r) {
    if (r.serial() != null && !r.serial().isBlank()) {
      return r.serial();
    }
    String s = serialPrefix + epoch + r.id();
    return s.length() <= MAX_SERIAL ? s : serialPrefix + r.id(); // same rule as the claim's SQL
  }

  /**
   * Claims up to {@code limit} due READY rows of an account: locks them with {@code FOR UPDATE SKIP
   * LOCKED}, marks them SENDING with this node's fence and gives them their SERIAL, in one
   * transaction.
   *
   * @param includeUnassigned also claim rows whose ACCOUNT is empty (the default account),
   *     assigning them
   */
  public List<MessageRow> claim(
      String account,
      boolean includeUnassigned,
      LocalDateTime now,
      int limit,
      String nodeId,
      long fence) {
    // One index-ordered query per ACCOUNT value (an OR would make every claim sort all READY rows):
    // the
    // index (STATUS, ACCOUNT, ID) then yields the oldest due rows first and stops at the limit.
    // ACCOUNT ''
    // is the default account (NOT NULL since V2: IS NULL is not index-ordered on PostgreSQL).
    if (t.dialect() == Dialect.POSTGRESQL) {
      return claimInOneStatement(account, includeUnassigned, now, limit, nodeId, fence);
    }
    String msg = t.sendTable();
    boolean pickThenLock = t.dialect().pickThenLock();
    String due =
        " AND (SCHEDULED_AT IS NULL OR SCHEDULED_AT <= ?) AND (NEXT_TRY_AT IS NULL OR NEXT_TRY_AT <= ?)"
            + " ORDER BY STATUS, ACCOUNT, ID";
    String cols = pickThenLock ? "ID" : COLUMNS;
    String lock = pickThenLock ? " LIMIT ?" : t.dialect().limitForUpdateSkipLocked();
    String mine =
        "SELECT " + cols + " FROM " + msg + " WHERE STATUS = 'READY' AND ACCOUNT = ?" + due + lock;
    String unassigned =
        "SELECT " + cols + " FROM " + msg + " WHERE STATUS = 'READY' AND ACCOUNT = ''" + due + lock;
    try (Connection c = t.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        List<MessageRow> rows = new ArrayList<>();
        select(c, mine, account, now, limit, rows);
        if (includeUnassigned) {
          select(c, unassigned, null, now, limit, rows);
          rows.sort(Comparator.comparingLong(MessageRow::id));
          if (rows.size() > limit) {
            rows =
                new ArrayList<>(
                    rows.subList(
                        0, limit)); // the rest stay READY; their locks end with this transaction
          }
        }
        if (!rows.isEmpty()) {
          String upd =
              "UPDATE "
                  + msg
                  + " SET STATUS = 'SENDING', ACCOUNT = ?, NODE_ID = ?, FENCE = ?,"
                  + " ATTEMPTS = ATTEMPTS + 1, SERIAL = "
                  + serialSql("")
                  + ", UPDATED_AT = ?,"
                  + " RESULT_MSG = CASE WHEN RESULT_MSG LIKE '"
                  + Unserved.HINT_PREFIX
                  + "%' THEN NULL ELSE RESULT_MSG END"
                  + " WHERE ID IN ("
                  + placeholders(rows.size())
                  + ")";
          try (PreparedStatement ps = c.prepareStatement(upd)) {
            int i = 1;
            ps.setString(i++, account);
            ps.setString(i++, nodeId);
            ps.setLong(i++, fence);
            ps.setObject(i++, now);
            for (MessageRow r : rows) {
              ps.setLong(i++, r.id());
            }
            t.counted();
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

  /**
   * The claim's SERIAL expression, the SQL twin of {@link #serialOf}: the row's own SERIAL, else
   * prefix + epoch + ID ({@code q} qualifies the send table's columns, e.g. {@code "M."}).
   */
  private String serialSql(String q) {
    return "COALESCE("
        + q
        + "SERIAL, CASE WHEN LENGTH(CONCAT('"
        + serialPrefix
        + epoch
        + "', "
        + q
        + "ID)) <= "
        + MAX_SERIAL
        + " THEN CONCAT('"
        + serialPrefix
        + epoch
        + "', "
        + q
        + "ID) ELSE CONCAT('"
        + serialPrefix
        + "', "
        + q
        + "ID) END)";
  }

  /**
   * The PostgreSQL claim: the same locks, limit and update as the transaction above, as one
   * autocommitted {@code WITH ... UPDATE ... RETURNING} statement, so a claim costs one round trip
   * to the server instead of four (two selects, the update and the commit). On a busy machine every
   * round trip may wait for the server's process to be scheduled: the profile of the paced
   * benchmark showed the claim worker waiting 10 to 380 ms in such round trips
   * (docs/benchmarks.md). RETURNING gives the row as updated, so ATTEMPTS is read back as it was
   * before (the worker counts the attempt itself); SERIAL is the one the row is sent with, as
   * {@link #serialOf} computes it.
   */
  private List<MessageRow> claimInOneStatement(
      String account,
      boolean includeUnassigned,
      LocalDateTime now,
      int limit,
      String nodeId,
      long fence) {
    String msg = t.sendTable();
    String due =
        " AND (SCHEDULED_AT IS NULL OR SCHEDULED_AT <= ?) AND (NEXT_TRY_AT IS NULL OR NEXT_TRY_AT <= ?)"
            + " ORDER BY STATUS, ACCOUNT, ID LIMIT ? FOR UPDATE SKIP LOCKED";
    StringBuilder sql =
        new StringBuilder("WITH MINE AS (SELECT ID FROM ")
            .append(msg)
            .append(" WHERE STATUS = 'READY' AND ACCOUNT = ?")
            .append(due)
            .append(")");
    if (includeUnassigned) {
      sql.append(", UNASSIGNED AS (SELECT ID FROM ")
          .append(msg)
          .append(" WHERE STATUS = 'READY' AND ACCOUNT = ''")
          .append(due)
          .append("), PICKED AS (SELECT ID FROM MINE UNION ALL SELECT ID FROM UNASSIGNED")
          .append(" ORDER BY ID LIMIT ?)"); // the rest stay READY; their locks end with it
    } else {
      sql.append(", PICKED AS (SELECT ID FROM MINE)");
    }
    sql.append(" UPDATE ")
        .append(msg)
        .append(" M SET STATUS = 'SENDING', ACCOUNT = ?, NODE_ID = ?, FENCE = ?,")
        .append(" ATTEMPTS = M.ATTEMPTS + 1, SERIAL = ")
        .append(serialSql("M."))
        .append(", UPDATED_AT = ?, RESULT_MSG = CASE WHEN M.RESULT_MSG LIKE '")
        .append(Unserved.HINT_PREFIX)
        .append("%' THEN NULL ELSE M.RESULT_MSG END FROM PICKED WHERE M.ID = PICKED.ID RETURNING ")
        .append(COLUMNS.replace("ATTEMPTS,", "M.ATTEMPTS - 1,").replace("ID,", "M.ID,"));
    try (Connection c = t.dataSource().getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        ps.setString(i++, account);
        ps.setObject(i++, now);
        ps.setObject(i++, now);
        ps.setInt(i++, limit);
        if (includeUnassigned) {
          ps.setObject(i++, now);
          ps.setObject(i++, now);
          ps.setInt(i++, limit);
          ps.setInt(i++, limit);
        }
        ps.setString(i++, account);
        ps.setString(i++, nodeId);
        ps.setLong(i++, fence);
        ps.setObject(i, now);
        t.counted();
        List<MessageRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(read(rs));
          }
        }
        rows.sort(Comparator.comparingLong(MessageRow::id));
        return rows;
      }
    } catch (SQLException e) {
      throw new StoreException("claim for account " + account + " failed: " + e.getMessage(), e);
    }
  }

  private void select(
      Connection c, String sql, String account, LocalDateTime now, int limit, List<MessageRow> into)
      throws SQLException {
    boolean pickThenLock = t.dialect().pickThenLock();
    List<Long> picked = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (account != null) {
        ps.setString(i++, account);
      }
      ps.setObject(i++, now);
      ps.setObject(i++, now);
      ps.setInt(i, limit);
      t.counted();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (pickThenLock) {
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
    String lock =
        "SELECT "
            + COLUMNS
            + " FROM "
            + t.sendTable()
            + " WHERE ID IN ("
            + placeholders(picked.size())
            + ") AND STATUS = 'READY'"
            + " ORDER BY ID FOR UPDATE SKIP LOCKED";
    try (PreparedStatement ps = c.prepareStatement(lock)) {
      bindIds(ps, picked);
      t.counted();
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
    String sql =
        "SELECT MSG_ID, SEQ, MTYPE, DATA FROM "
            + t.prefix()
            + "MSG_ATTACH WHERE MSG_ID IN ("
            + placeholders(ids.size())
            + ") ORDER BY MSG_ID, SEQ, ID";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindIds(ps, ids);
      t.counted();
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

  private static MessageRow read(ResultSet rs) throws SQLException {
    return new MessageRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        (Integer) rs.getObject(12, Integer.class),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        "Y".equalsIgnoreCase(rs.getString(18)),
        rs.getString(19),
        rs.getObject(20, LocalDateTime.class),
        rs.getObject(21, LocalDateTime.class),
        rs.getInt(22),
        rs.getString(23),
        rs.getObject(24, LocalDateTime.class));
  }
}
