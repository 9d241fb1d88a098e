package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One vendor's send tables, as its agent documents them. A layout only knows the vendor's tables:
 * which rows are due, what message a row is, how an outcome reads in the vendor's columns and where
 * a finished row goes. Claiming, leases, retries, expiry, the advertising guard and the write-back
 * stay the agent's own: {@link LegacyBridge} copies each due row into the agent's side table
 * ({@code <prefix>MSG}) and the ordinary pipeline sends it from there.
 *
 * <p>Implementations are stateless and thread-safe; they never alter the vendor's tables' structure
 * except in {@link #vendorDdl} (run only by {@code init-db --create-vendor-tables}).
 */
public interface LegacyLayout {
  /** The {@code table-layout} value, e.g. {@code em-tran}. */
  String name();

  /**
   * The vendor's table names by role ({@code send}, {@code mms}, {@code log}, ...); a log table's
   * name carries {@code %YYYYMM%}. {@code tables:} in agent.yml overrides them per role.
   */
  Map<String, String> defaultTables();

  /** The tables due rows come from (one for most vendors; SMS and MMS tables for some). */
  List<Source> sources(LayoutTables tables);

  /**
   * The message for one due row that {@code rs} is positioned on (its columns are {@link
   * Source#columns()}), or a rejection. May read other vendor tables through {@code c} (e.g. the
   * MMS content table), inside the import transaction.
   */
  SideRow map(Source source, ResultSet rs, Connection c, LayoutTables tables) throws SQLException;

  /**
   * The vendor's log table a finished row goes to, or null to leave it in the send table. Called
   * before the transaction that moves it, so that the table can be created first (DDL would commit
   * the transaction on MariaDB).
   */
  @Nullable String logTable(Reflection r, LayoutTables tables);

  /**
   * Writes one change of the agent's state into the vendor's row: {@code SENT} (DELIVER_ACK
   * accepted), {@code READY} (back to waiting after a crash or a re-send; usually nothing to
   * write), or a final state. For a final state it also moves the row to {@code logTable} when not
   * null ({@link LegacySql#moveRow} does it). Runs inside the bridge's transaction.
   *
   * @return the vendor's result code written for a final state (kept in the agent's bookkeeping),
   *     else null
   */
  @Nullable String reflect(
      Connection c, Reflection r, @Nullable String logTable, LayoutTables tables)
      throws SQLException;

  /**
   * The vendor's published DDL for this database, in order: {@code CREATE TABLE} for the send (and
   * content) tables and their indexes. Run by {@code init-db --create-vendor-tables} when a table
   * is missing.
   */
  List<String> vendorDdl(Dialect dialect, LayoutTables tables);

  /**
   * A table due rows come from.
   *
   * @param table the vendor's table
   * @param keyColumn its primary key (numeric or text); a row is imported once while in flight
   * @param columns the columns {@link #map} reads, comma-separated
   * @param dueWhere the condition of a due row; every {@code ?} is bound to the agent's "now" in
   *     {@code zone}
   * @param orderBy the vendor's sending order (usually the key)
   */
  record Source(String table, String keyColumn, String columns, String dueWhere, String orderBy) {}
}
