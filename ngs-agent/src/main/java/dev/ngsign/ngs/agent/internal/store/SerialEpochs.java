package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps generated SERIALs unique across a send table's lives. The gateway takes a SERIAL it
 * accepted in the last 24 hours as the same message (E_OK, no new message, no second report), and a
 * send table that is dropped and created again, or restored from a backup, hands out its IDs again.
 * So every agent start takes a new <em>epoch</em>, six base-36 characters counting seconds since
 * 2020 (and always above the last epoch recorded in {@code <prefix>META}), and a generated SERIAL
 * is {@code serial-prefix + epoch + ID}. A SERIAL, once given to a row, stays with the row:
 * re-sends use it unchanged. Even when the metadata table is lost or restored with the send table,
 * the epoch grows with the clock, so a later life never repeats an earlier one's SERIALs.
 *
 * <p>It also keeps the send table's ID high-water mark and warns at start when the IDs run below
 * it, the sign of a recreated or restored table.
 */
public final class SerialEpochs {
  /** Characters of an epoch. */
  public static final int LENGTH = 6;

  private static final Logger log = LoggerFactory.getLogger(SerialEpochs.class);
  private static final long BASE = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX = pow36(LENGTH) - 1;

  private final Tables t;

  public SerialEpochs(Tables tables) {
    this.t = tables;
  }

  private static long pow36(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 36;
    }
    return v;
  }

  /**
   * The epoch for an instant: seconds since 2020-01-01 UTC in base 36, upper case, {@value #LENGTH}
   * characters.
   */
  public static String token(Instant now) {
    return format(Math.max(0, Math.min(MAX, now.getEpochSecond() - BASE)));
  }

  private static String format(long v) {
    String s = Long.toString(v, 36).toUpperCase(Locale.ROOT);
    return "0".repeat(Math.max(0, LENGTH - s.length())) + s;
  }

  /**
   * The epoch after {@code last}, as the clock gives it or one above {@code last}, whichever is
   * greater.
   */
  static String next(String last, Instant now) {
    String byClock = token(now);
    if (last == null || last.length() != LENGTH) {
      return byClock;
    }
    long previous = Long.parseLong(last, 36);
    return Long.parseLong(byClock, 36) > previous ? byClock : format(Math.min(MAX, previous + 1));
  }

  /** Takes and records a new epoch for this start (one short transaction). */
  public String begin(Instant now, LocalDateTime nowInZone) {
    String meta = t.prefix() + "META";
    try (Connection c = t.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        String last;
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT VAL FROM " + meta + " WHERE NAME = 'SERIAL_EPOCH' FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          last = rs.next() ? rs.getString(1) : null;
        }
        String epoch = next(last, now);
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE " + meta + " SET VAL = ?, UPDATED_AT = ? WHERE NAME = 'SERIAL_EPOCH'")) {
          ps.setString(1, epoch);
          ps.setObject(2, nowInZone);
          ps.executeUpdate();
        }
        c.commit();
        return epoch;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("taking a SERIAL epoch failed: " + e.getMessage(), e);
    }
  }

  /**
   * Warns when the send table's highest ID is below the recorded high-water mark, then records the
   * higher of the two.
   *
   * @return true when the IDs ran below the mark
   */
  public boolean checkHighWater(LocalDateTime nowInZone) {
    String meta = t.prefix() + "META";
    try (Connection c = t.dataSource().getConnection()) {
      Long max;
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(ID) FROM " + t.sendTable());
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        max = rs.wasNull() ? null : v;
      }
      Long mark;
      try (PreparedStatement ps =
              c.prepareStatement("SELECT VAL FROM " + meta + " WHERE NAME = 'ID_HIGH_WATER'");
          ResultSet rs = ps.executeQuery()) {
        String v = rs.next() ? rs.getString(1) : null;
        mark = v == null ? null : Long.valueOf(v);
      }
      boolean below = max != null && mark != null && max < mark;
      if (below) {
        log.warn(
            "the send table {}'s highest ID {} is below the high-water mark {} recorded earlier: the table was recreated or"
                + " restored. Generated SERIALs stay unique (each start takes a new SERIAL epoch); SERIALs your application"
                + " writes itself must not repeat within 24 hours",
            t.sendTable(),
            max,
            mark);
      }
      if (max != null && (mark == null || max > mark || below)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE " + meta + " SET VAL = ?, UPDATED_AT = ? WHERE NAME = 'ID_HIGH_WATER'")) {
          ps.setString(1, String.valueOf(max));
          ps.setObject(2, nowInZone);
          ps.executeUpdate();
        }
      }
      return below;
    } catch (SQLException e) {
      throw new StoreException("checking the ID high-water mark failed: " + e.getMessage(), e);
    }
  }
}
