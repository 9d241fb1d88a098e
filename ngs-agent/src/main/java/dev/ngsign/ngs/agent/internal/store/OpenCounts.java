package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The queue-depth gauges' source: rows per open status. */
public final class OpenCounts {
  private final Tables t;

  public OpenCounts(Tables tables) {
    this.t = tables;
  }

  /** Rows per non-final status (READY, SENDING, SENT). */
  public Map<String, Long> read() {
    Map<String, Long> out = new HashMap<>();
    String sql =
        "SELECT STATUS, COUNT(*) FROM "
            + t.sendTable()
            + " WHERE STATUS IN ('READY','SENDING','SENT') GROUP BY STATUS";
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("counting open rows failed: " + e.getMessage(), e);
    }
  }
}
