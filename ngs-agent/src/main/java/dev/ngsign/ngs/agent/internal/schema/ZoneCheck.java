package dev.ngsign.ngs.agent.internal.schema;

import dev.ngsign.ngs.agent.AgentException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the database's clock as its sessions see it ({@code LOCALTIMESTAMP}, MariaDB {@code
 * NOW()}) with the real time in the agent's {@code zone}. When sessions write local time in another
 * zone, every {@code DEFAULT LOCALTIMESTAMP} and every {@code now()} an application types lands
 * hours off: scheduled rows go early or late, and rows expire unsent. The agent refuses to start on
 * a difference of more than a minute, unless told to allow it.
 */
public final class ZoneCheck {
  private static final Logger log = LoggerFactory.getLogger(ZoneCheck.class);

  /** More than this between the two clocks is a zone mismatch (or a badly set server clock). */
  public static final Duration TOLERANCE = Duration.ofMinutes(1);

  private ZoneCheck() {}

  /** What a session sees: its local time and the same instant in UTC. */
  public record Reading(LocalDateTime local, LocalDateTime utc) {
    /** The session's offset from UTC, to the quarter hour. */
    public ZoneOffset offset() {
      long minutes = Math.round(Duration.between(utc, local).toSeconds() / 900.0) * 15;
      return ZoneOffset.ofTotalSeconds((int) Math.max(-18 * 60, Math.min(18 * 60, minutes)) * 60);
    }
  }

  /** Reads the session clock of one connection from {@code ds}. */
  public static Reading read(DataSource ds, Dialect dialect) {
    String sql =
        switch (dialect) {
          case MARIADB -> "SELECT NOW(3), UTC_TIMESTAMP(3)";
          case POSTGRESQL, H2 -> "SELECT LOCALTIMESTAMP, CURRENT_TIMESTAMP";
        };
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      LocalDateTime utc =
          dialect == Dialect.MARIADB
              ? rs.getObject(2, LocalDateTime.class)
              : rs.getObject(2, OffsetDateTime.class)
                  .withOffsetSameInstant(ZoneOffset.UTC)
                  .toLocalDateTime();
      return new Reading(rs.getObject(1, LocalDateTime.class), utc);
    } catch (SQLException e) {
      throw new AgentException("reading the database's clock failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the sessions of {@code ds} against {@code zone}.
   *
   * @param wallClock the real clock (not a test's simulated one)
   * @param allowMismatch only warn
   * @throws AgentException naming both zones and the fixes that work on this database, on a
   *     mismatch
   */
  public static void verify(
      DataSource ds, Dialect dialect, ZoneId zone, Clock wallClock, boolean allowMismatch) {
    Reading r = read(ds, dialect);
    LocalDateTime ours = LocalDateTime.ofInstant(wallClock.instant(), zone);
    Duration diff = Duration.between(ours, r.local()).abs();
    if (diff.compareTo(TOLERANCE) <= 0) {
      return;
    }
    String msg = message(dialect, zone, ours, r);
    if (allowMismatch) {
      log.warn("{} (started anyway: allow-zone-mismatch is true)", msg);
      return;
    }
    throw new AgentException(msg + " To start anyway, set allow-zone-mismatch: true.");
  }

  static String message(Dialect dialect, ZoneId zone, LocalDateTime ours, Reading r) {
    String offset =
        zone.getRules().getOffset(ours.atZone(zone).toInstant()).getId().replace("Z", "+00:00");
    String head =
        "zone mismatch: the database's sessions write local time at UTC"
            + r.offset().getId().replace("Z", "+00:00")
            + " (LOCALTIMESTAMP "
            + r.local().withNano(0)
            + "), but zone is "
            + zone
            + " (now "
            + ours.withNano(0)
            + ")."
            + " Timestamps the database fills in (CREATED_AT) or your SQL takes from the session clock (now()) would be "
            + String.format(
                java.util.Locale.ROOT,
                "%.1f",
                Math.abs(Duration.between(ours, r.local()).toMinutes()) / 60.0)
            + " h off. Fix: ";
    String fixes =
        switch (dialect) {
          case POSTGRESQL ->
              "PostgreSQL's JDBC driver sets each session's TimeZone from the JVM's default zone (a URL"
                  + " options=-c TimeZone=... does not win over it): run the agent and your application with -Duser.timezone="
                  + zone
                  + " (e.g. JAVA_TOOL_OPTIONS); psql and other clients take the database's setting: ALTER DATABASE <db> SET timezone TO '"
                  + zone
                  + "'. Or set zone to the zone your sessions really write in.";
          case MARIADB ->
              "MariaDB sessions take the server's time_zone: SET GLOBAL time_zone = '"
                  + offset
                  + "' (or default-time-zone"
                  + " in the server's configuration), or for JDBC sessions add sessionVariables=time_zone='"
                  + offset
                  + "' to the URL."
                  + " Or set zone to the zone your sessions really write in.";
          case H2 ->
              "H2 sessions take the JVM's default zone: run the JVM with -Duser.timezone="
                  + zone
                  + " or run SET TIME ZONE '"
                  + zone
                  + "' in each session. Or set zone to the zone your sessions really write in.";
        };
    return head + fixes;
  }
}
