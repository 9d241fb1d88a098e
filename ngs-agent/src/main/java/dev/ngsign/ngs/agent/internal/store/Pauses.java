package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paused accounts ({@code <prefix>PAUSE}), as the claim loops ask for them: read from the
 * database at most every {@link #REFRESH} (so a pause made on another node holds here within that
 * time) and at once after this node's own pause or resume. When the database cannot be read the
 * last answer stands. Thread-safe.
 */
public final class Pauses {
  private static final Logger log = LoggerFactory.getLogger(Pauses.class);

  /** How old the cached answer may get. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  /** One paused account: since when, by whom, why. */
  public record Pause(
      String account, LocalDateTime since, String operator, @Nullable String reason) {}

  private final Tables t;
  private volatile Map<String, Pause> current = Map.of();
  private volatile long readAtNanos;
  private volatile boolean stale = true;

  Pauses(Tables tables) {
    this.t = tables;
  }

  /** Whether claiming for {@code account} is paused now. */
  public boolean paused(String account) {
    return all().containsKey(account);
  }

  /** The paused accounts by name. */
  public Map<String, Pause> all() {
    long now = System.nanoTime();
    if (stale || now - readAtNanos >= REFRESH.toNanos()) {
      synchronized (this) {
        if (stale || now - readAtNanos >= REFRESH.toNanos()) {
          try (Connection c = t.dataSource().getConnection()) {
            current = read(c, t);
          } catch (SQLException | StoreException e) {
            log.debug("reading paused accounts: {}", e.getMessage());
          }
          stale = false; // a failed read is tried again after REFRESH, not at every claim
          readAtNanos = now;
        }
      }
    }
    return current;
  }

  /** Reads again on the next question (after this node's own pause or resume). */
  void invalidate() {
    stale = true;
  }

  static Map<String, Pause> read(Connection c, Tables t) throws SQLException {
    Map<String, Pause> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ACCOUNT, PAUSED_AT, OPERATOR, REASON FROM "
                    + t.prefix()
                    + "PAUSE ORDER BY ACCOUNT");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp at = rs.getTimestamp(2);
        out.put(
            rs.getString(1),
            new Pause(rs.getString(1), at.toLocalDateTime(), rs.getString(3), rs.getString(4)));
      }
    }
    return Map.copyOf(out);
  }
}
