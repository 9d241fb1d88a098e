package dev.ngsign.ngs.agent.internal.lease;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The lease and node tables. A lease row per account names its HOLDER and a FENCE that grows by one
 * on every acquisition; rows claimed under a fence are written back only while they still carry it,
 * so a holder that lost its lease (paused, partitioned) cannot overwrite its successor's work.
 */
public final class LeaseStore {
  private final DataSource ds;
  private final String lease;
  private final String node;

  public LeaseStore(DataSource ds, String prefix) {
    this.ds = ds;
    this.lease = prefix + "LEASE";
    this.node = prefix + "NODE";
  }

  /**
   * Takes the account's lease if it is free, expired (last heartbeat before {@code expiredBefore})
   * or already this node's.
   *
   * @return the new fence, or -1 when another node holds it
   */
  public long tryAcquire(
      String account, String nodeId, LocalDateTime now, LocalDateTime expiredBefore) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + lease
                    + " SET HOLDER = ?, FENCE = FENCE + 1, HEARTBEAT_AT = ?, ACQUIRED_AT = ?"
                    + " WHERE ACCOUNT = ? AND (HOLDER IS NULL OR HOLDER = ? OR HEARTBEAT_AT < ?)")) {
          ps.setString(1, nodeId);
          ps.setObject(2, now);
          ps.setObject(3, now);
          ps.setString(4, account);
          ps.setString(5, nodeId);
          ps.setObject(6, expiredBefore);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          if (exists(c, account)) {
            c.rollback();
            return -1;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + lease
                      + " (ACCOUNT, HOLDER, FENCE, HEARTBEAT_AT, ACQUIRED_AT) VALUES (?, ?, 1, ?, ?)")) {
            ps.setString(1, account);
            ps.setString(2, nodeId);
            ps.setObject(3, now);
            ps.setObject(4, now);
            ps.executeUpdate();
          } catch (SQLException dup) {
            c.rollback();
            return -1; // another node inserted it first
          }
        }
        long fence;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT FENCE FROM " + lease + " WHERE ACCOUNT = ? AND HOLDER = ?")) {
          ps.setString(1, account);
          ps.setString(2, nodeId);
          try (ResultSet rs = ps.executeQuery()) {
            fence = rs.next() ? rs.getLong(1) : -1;
          }
        }
        c.commit();
        return fence;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "acquiring the lease of " + account + " failed: " + e.getMessage(), e);
    }
  }

  private boolean exists(Connection c, String account) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM " + lease + " WHERE ACCOUNT = ?")) {
      ps.setString(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Renews a held lease; false when it is no longer this node's under this fence. */
  public boolean renew(String account, String nodeId, long fence, LocalDateTime now) {
    return update(
            "UPDATE "
                + lease
                + " SET HEARTBEAT_AT = ? WHERE ACCOUNT = ? AND HOLDER = ? AND FENCE = ?",
            now,
            account,
            nodeId,
            fence)
        == 1;
  }

  /** Gives a lease up so that another node can take it at once. */
  public void release(String account, String nodeId, long fence) {
    update(
        "UPDATE " + lease + " SET HOLDER = NULL WHERE ACCOUNT = ? AND HOLDER = ? AND FENCE = ?",
        account,
        nodeId,
        fence);
  }

  /** Account to holder (accounts with no lease row or no holder are absent). */
  public Map<String, String> holders() {
    Map<String, String> out = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ACCOUNT, HOLDER FROM " + lease + " WHERE HOLDER IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading leases failed: " + e.getMessage(), e);
    }
  }

  /** Records that this node is alive. */
  /** The accounts some node holds now: a holder whose heartbeat is not older than {@code since}. */
  public java.util.Set<String> servedAccounts(LocalDateTime since) {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ACCOUNT FROM "
                    + lease
                    + " WHERE HOLDER IS NOT NULL AND HEARTBEAT_AT >= ?")) {
      ps.setObject(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the served accounts failed: " + e.getMessage(), e);
    }
  }

  public void heartbeatNode(String nodeId, LocalDateTime now) {
    if (update("UPDATE " + node + " SET HEARTBEAT_AT = ? WHERE NODE_ID = ?", now, nodeId) == 0) {
      try {
        update(
            "INSERT INTO " + node + " (NODE_ID, HEARTBEAT_AT, STARTED_AT) VALUES (?, ?, ?)",
            nodeId,
            now,
            now);
      } catch (StoreException raced) {
        update("UPDATE " + node + " SET HEARTBEAT_AT = ? WHERE NODE_ID = ?", now, nodeId);
      }
    }
  }

  /** Nodes whose heartbeat is at or after {@code since}. */
  public List<String> liveNodes(LocalDateTime since) {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT NODE_ID FROM " + node + " WHERE HEARTBEAT_AT >= ?")) {
      ps.setObject(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading nodes failed: " + e.getMessage(), e);
    }
  }

  /** Removes this node's row (clean shutdown), so that the others rebalance at once. */
  public void removeNode(String nodeId) {
    update("DELETE FROM " + node + " WHERE NODE_ID = ?", nodeId);
  }

  private int update(String sql, Object... args) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("lease statement failed: " + e.getMessage(), e);
    }
  }
}
