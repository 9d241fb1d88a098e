package dev.ngsign.ngs.agent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Inserting into the send table from Java (applications usually INSERT with plain SQL; see
 * docs/agent.md). A message and its attachments go in one transaction, so the agent never sees a
 * message whose images are still missing.
 */
public final class SendTable {
  private final DataSource ds;
  private final String prefix;

  public SendTable(DataSource ds, String tablePrefix) {
    this.ds = ds;
    this.prefix = tablePrefix;
  }

  /** An image of a message: MTYPE 21 JPG, 22 wide JPG, 23 PNG, 24 wide PNG. */
  public record Image(int mtype, String fileName, byte[] data) {}

  /**
   * Inserts one message.
   *
   * @param columns column name to value (names as in docs/agent.md; unknown names fail)
   * @param images attachments, in order
   * @return the new row's ID
   */
  public long insert(Map<String, ?> columns, List<Image> images) {
    for (String name : columns.keySet()) {
      if (!name.matches("[A-Z_]{2,20}")) {
        throw new IllegalArgumentException("not a column name: " + name);
      }
    }
    List<String> names = new ArrayList<>(columns.keySet());
    String sql =
        "INSERT INTO "
            + prefix
            + "MSG ("
            + String.join(", ", names)
            + ") VALUES ("
            + String.join(", ", names.stream().map(n -> "?").toList())
            + ")";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id;
        try (PreparedStatement ps =
            c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
          int i = 1;
          for (String n : names) {
            ps.setObject(i++, columns.get(n));
          }
          ps.executeUpdate();
          try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        if (!images.isEmpty()) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + prefix
                      + "MSG_ATTACH (MSG_ID, SEQ, MTYPE, FILE_NAME, DATA) VALUES (?, ?, ?, ?, ?)")) {
            int seq = 1;
            for (Image img : images) {
              ps.setLong(1, id);
              ps.setInt(2, seq++);
              ps.setInt(3, img.mtype());
              ps.setString(4, img.fileName());
              ps.setBytes(5, img.data());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("insert into " + prefix + "MSG failed: " + e.getMessage(), e);
    }
  }

  /** Inserts one message without attachments. */
  public long insert(Map<String, ?> columns) {
    return insert(columns, List.of());
  }
}
