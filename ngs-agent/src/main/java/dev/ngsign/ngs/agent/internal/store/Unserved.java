package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/** READY rows by ACCOUNT, and the RESULT_MSG hint for rows whose account no running node serves. */
public final class Unserved {
  /** How every hint starts; a claim clears a RESULT_MSG that starts so. */
  public static final String HINT_PREFIX = "waiting: no running agent node serves ACCOUNT ";

  private final Tables t;

  public Unserved(Tables tables) {
    this.t = tables;
  }

  /** READY rows per ACCOUNT value ('' is the default account). */
  public Map<String, Long> readyByAccount() {
    Map<String, Long> out = new HashMap<>();
    String sql =
        "SELECT ACCOUNT, COUNT(*) FROM "
            + t.sendTable()
            + " WHERE STATUS = 'READY' GROUP BY ACCOUNT";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      t.counted();
      return out;
    } catch (SQLException e) {
      throw new StoreException("counting READY rows per account failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the hint into the RESULT_MSG of the account's READY rows created at or before {@code
   * createdBefore} that do not carry it yet.
   *
   * @return rows hinted
   */
  public int hint(String account, LocalDateTime createdBefore, LocalDateTime now) {
    String text =
        Tables.cut(
            HINT_PREFIX
                + "'"
                + account
                + "': check accounts[].name in agent.yml of the running nodes",
            400);
    String sql =
        "UPDATE "
            + t.sendTable()
            + " SET RESULT_MSG = ?, UPDATED_AT = ? WHERE STATUS = 'READY' AND ACCOUNT = ?"
            + " AND CREATED_AT <= ? AND (RESULT_MSG IS NULL OR RESULT_MSG <> ?)";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, text);
      ps.setObject(2, now);
      ps.setString(3, account);
      ps.setObject(4, createdBefore);
      ps.setString(5, text);
      t.counted();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "hinting unserved rows of " + account + " failed: " + e.getMessage(), e);
    }
  }
}
