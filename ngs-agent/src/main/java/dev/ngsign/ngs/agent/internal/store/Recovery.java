package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** Recovery when a node takes an account over: rows a previous holder left SENDING go out again. */
public final class Recovery {
  private final Tables t;

  public Recovery(Tables tables) {
    this.t = tables;
  }

  /**
   * Puts the account's SENDING rows claimed under an older fence back to READY, keeping their
   * SERIAL: they were caught between claim and ACK by a holder that is gone, and are sent again
   * with the same SERIAL (the gateway takes a repeated SERIAL as the same message).
   */
  public int recover(String account, long fence, LocalDateTime now) {
    String sql =
        "UPDATE "
            + t.sendTable()
            + " SET STATUS = 'READY', NEXT_TRY_AT = NULL, UPDATED_AT = ?"
            + " WHERE STATUS = 'SENDING' AND ACCOUNT = ? AND (FENCE IS NULL OR FENCE < ?)";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, now);
      ps.setString(2, account);
      ps.setLong(3, fence);
      t.counted();
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "recovering in-flight rows of " + account + " failed: " + e.getMessage(), e);
    }
  }
}
