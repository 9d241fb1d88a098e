package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads {@code <prefix>AUDIT}, newest first ({@link OperatorActions} writes it). */
public final class AuditLog {
  /** One audit row. */
  public record Entry(
      long id,
      LocalDateTime at,
      String operator,
      String node,
      String action,
      @Nullable String account,
      @Nullable Long msgId,
      @Nullable Long newMsgId,
      @Nullable String detail) {}

  private final Tables t;

  AuditLog(Tables tables) {
    this.t = tables;
  }

  /** The newest {@code limit} entries, optionally only those about row {@code msgId}. */
  public List<Entry> recent(int limit, @Nullable Long msgId) {
    String sql =
        "SELECT ID, ACTED_AT, OPERATOR, NODE_ID, ACTION, ACCOUNT, MSG_ID, NEW_MSG_ID, DETAIL FROM "
            + t.prefix()
            + "AUDIT"
            + (msgId == null ? "" : " WHERE MSG_ID = ? OR NEW_MSG_ID = ?")
            + " ORDER BY ID DESC";
    List<Entry> out = new ArrayList<>();
    try (Connection c = t.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (msgId != null) {
        ps.setLong(1, msgId);
        ps.setLong(2, msgId);
      }
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          out.add(
              new Entry(
                  rs.getLong(1),
                  rs.getTimestamp(2).toLocalDateTime(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  nullableLong(rs, 7),
                  nullableLong(rs, 8),
                  rs.getString(9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the audit log failed: " + e.getMessage(), e);
    }
  }

  private static @Nullable Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
