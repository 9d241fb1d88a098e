package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * What every job on the agent's tables shares: the pool, the dialect, the table names and the
 * statement counter the benchmark reads. Thread-safe.
 */
public final class Tables {
  /**
   * The statuses a row never leaves (except that a late REPORT may still turn FAILED into DONE).
   */
  static final String FINAL_STATUSES = "('DONE','FAILED','REJECTED','EXPIRED','CANCELED')";

  private final DataSource ds;
  private final Dialect dialect;
  private final String prefix;
  private final ZoneId zone;
  private final LongAdder statements = new LongAdder();

  /**
   * @param zone the zone of every timestamp in the tables ({@code zone} in agent.yml)
   */
  public Tables(DataSource ds, Dialect dialect, String prefix, ZoneId zone) {
    this.ds = ds;
    this.dialect = dialect;
    this.prefix = prefix;
    this.zone = zone;
  }

  /** The zone of every timestamp in the tables. */
  public ZoneId zone() {
    return zone;
  }

  /** A Korean wall-clock time (the gateway's SENDTIME) as a timestamp in {@link #zone()}. */
  LocalDateTime fromKorea(LocalDateTime korean) {
    return korean == null
        ? null
        : korean.atZone(AgentConfig.KOREA).withZoneSameInstant(zone).toLocalDateTime();
  }

  public DataSource dataSource() {
    return ds;
  }

  public Dialect dialect() {
    return dialect;
  }

  public String prefix() {
    return prefix;
  }

  /** {@code <prefix>MSG}. */
  public String sendTable() {
    return prefix + "MSG";
  }

  /** Counts one executed statement (a JDBC batch counts once per row). */
  void counted() {
    statements.increment();
  }

  /** The counter handed to the dialect's statements. */
  LongAdder counter() {
    return statements;
  }

  /** Statements executed so far (a JDBC batch counts once per row), for the benchmark. */
  public long statementCount() {
    return statements.sum();
  }

  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ",?");
    }
    return sb.toString();
  }

  static void bindIds(PreparedStatement ps, Collection<Long> ids) throws SQLException {
    int i = 1;
    for (Long id : ids) {
      ps.setLong(i++, id);
    }
  }

  static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
