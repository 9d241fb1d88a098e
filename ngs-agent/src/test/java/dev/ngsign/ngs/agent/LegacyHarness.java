package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.legacy.Layouts;
import dev.ngsign.ngs.agent.internal.legacy.LegacyLayout;
import dev.ngsign.ngs.agent.internal.legacy.VendorTables;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the legacy-layout tests share: the in-process gateway, agents on a layout, the vendor's DDL,
 * a snapshot of a table's structure (to prove the customer's tables are never altered) and the
 * reads of a moved row in its monthly log table.
 */
final class LegacyHarness implements AutoCloseable {
  static final String SENDER_CODE = "123456789";
  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  final TestDb db;
  final NgsGateway gateway;
  final GatewayPorts ports;
  private final List<Agent> agents = new ArrayList<>();

  LegacyHarness(TestDb db, Duration reportDelay) {
    this.db = db;
    this.gateway =
        NgsGateway.builder()
            .account(Account.builder("testid", "secret").build())
            .reportDelay(reportDelay)
            .certInterval(Duration.ZERO)
            .lock(0, Duration.ofSeconds(1), Duration.ofSeconds(1))
            .build();
    this.ports = gateway.start();
  }

  /** {@code cfg} on table-layout {@code layout} with the account's sender code set. */
  static AgentConfig legacy(AgentConfig cfg, String layout) {
    return legacy(cfg, layout, Map.of());
  }

  static AgentConfig legacy(AgentConfig cfg, String layout, Map<String, String> tables) {
    List<AgentConfig.Account> accounts = new ArrayList<>();
    for (AgentConfig.Account a : cfg.accounts()) {
      accounts.add(
          new AgentConfig.Account(
              a.name(),
              a.certHost(),
              a.certPort(),
              a.id(),
              a.password(),
              a.passwordEnv(),
              a.encrypted(),
              SENDER_CODE,
              a.isDefault(),
              a.tps()));
    }
    return cfg.withAccounts(accounts).withTableLayout(new AgentConfig.TableLayout(layout, tables));
  }

  /** A node on the in-process gateway, side tables with prefix {@code L_}. */
  AgentConfig config(String layout, Map<String, String> tables, String node) {
    return legacy(
        ChildAgent.config(db.url, db.user, "L_", ports.certPort(), node)
            .withExpiry(new AgentConfig.Expiry(Duration.ofHours(24), Duration.ofHours(72))),
        layout,
        tables);
  }

  Agent start(AgentConfig cfg, Clock clock) {
    Agent a = db.agent(cfg).clock(clock).build().start();
    agents.add(a);
    return a;
  }

  /** Creates the layout's tables with the vendor's DDL for this database. */
  List<String> createVendorTables(String layout) {
    LegacyLayout l = Layouts.of(new AgentConfig.TableLayout(layout, null));
    return VendorTables.createMissing(
        db.ds,
        db.dialect,
        l,
        new dev.ngsign.ngs.agent.internal.legacy.LayoutTables(
            layout, l.defaultTables(), Map.of(), "L_"));
  }

  /**
   * A table's structure as the catalog describes it: every column (name, type, size, nullability,
   * default), every index (name, column, uniqueness) and the triggers the database lists for it.
   */
  String catalog(String table) {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = db.ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String name = storedName(md, table);
      String schema =
          db.dialect == dev.ngsign.ngs.agent.internal.schema.Dialect.MARIADB ? null : c.getSchema();
      String catalog = c.getCatalog();
      try (ResultSet rs = md.getColumns(catalog, schema, name, null)) {
        while (rs.next()) {
          out.add(
              "column "
                  + rs.getString("COLUMN_NAME")
                  + " "
                  + rs.getString("TYPE_NAME")
                  + "("
                  + rs.getInt("COLUMN_SIZE")
                  + ") nullable="
                  + rs.getInt("NULLABLE")
                  + " default="
                  + rs.getString("COLUMN_DEF"));
        }
      }
      try (ResultSet rs = md.getIndexInfo(catalog, schema, name, false, false)) {
        while (rs.next()) {
          out.add(
              "index "
                  + rs.getString("INDEX_NAME")
                  + " "
                  + rs.getString("COLUMN_NAME")
                  + " unique="
                  + !rs.getBoolean("NON_UNIQUE"));
        }
      }
      String triggers =
          switch (db.dialect) {
            case POSTGRESQL ->
                "SELECT tgname FROM pg_trigger WHERE tgrelid = '" + name + "'::regclass";
            case MARIADB ->
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA"
                    + " = DATABASE() AND EVENT_OBJECT_TABLE = '"
                    + name
                    + "'";
            case H2 ->
                "SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS WHERE EVENT_OBJECT_TABLE = '"
                    + name
                    + "'";
          };
      try (ResultSet rs = c.createStatement().executeQuery(triggers)) {
        while (rs.next()) {
          out.add("trigger " + rs.getString(1));
        }
      }
      if (out.isEmpty()) {
        throw new AssertionError("no table " + table + " in the catalog");
      }
      return String.join("\n", out);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String storedName(DatabaseMetaData md, String table) throws SQLException {
    if (md.storesUpperCaseIdentifiers()) {
      return table.toUpperCase(Locale.ROOT);
    }
    if (md.storesLowerCaseIdentifiers()) {
      return table.toLowerCase(Locale.ROOT);
    }
    return table;
  }

  /** The SERIAL the agent sent a vendor row with (from {@code L_LEGACY_ROW}). */
  String serial(String vendorTable, Object key) {
    List<Map<String, Object>> r =
        db.query(
            "SELECT SERIAL FROM L_LEGACY_ROW WHERE SRC_TABLE = ? AND SRC_KEY = ?",
            vendorTable,
            String.valueOf(key));
    return r.isEmpty() ? null : (String) r.get(0).get("SERIAL");
  }

  /** The one row {@code sql} selects; fails when it selects none or several. */
  Map<String, Object> one(String sql, Object... args) {
    List<Map<String, Object>> rows = db.query(sql, args);
    if (rows.size() != 1) {
      throw new AssertionError(sql + ": " + rows.size() + " rows, expected one");
    }
    return rows.get(0);
  }

  /** {@code yyyyMM} of a timestamp column's value: the month in a monthly log table's name. */
  static String month(Object timestamp) {
    LocalDateTime at =
        timestamp instanceof java.sql.Timestamp ts
            ? ts.toLocalDateTime()
            : (LocalDateTime) timestamp;
    return at.format(YYYYMM);
  }

  @Override
  public void close() {
    for (Agent a : agents) {
      a.close();
    }
    gateway.close();
  }
}
