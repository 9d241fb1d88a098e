package dev.ngsign.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The chaos run's database: a schema of its own on the local PostgreSQL or MariaDB (dropped
 * afterwards unless kept), or an H2 file shared by the agent processes (AUTO_SERVER). Inserts the
 * mixed rows and counts the outcome from the send table itself.
 */
final class ChaosDatabase implements AutoCloseable {
  static final String PREFIX = "CH_";
  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIA_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test";

  /** Share of rows by MSG_TYPE, out of 100: S, L, M, A, F. */
  private static final String MIX = "SSSSSSSSLLLMMAAAAFFF";

  final String kind;
  final String schema;
  final String url;
  final String user;
  private final Path h2Dir;
  private final boolean keep;

  ChaosDatabase(String kind, Path workDir, boolean keep) throws SQLException, IOException {
    this.kind = kind.toLowerCase(Locale.ROOT);
    this.keep = keep;
    this.schema = "chaos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    switch (this.kind) {
      case "postgresql" -> {
        admin(PG_ADMIN, "postgres", "CREATE SCHEMA " + schema);
        url = PG_ADMIN + "?currentSchema=" + schema + "&ApplicationName=" + schema;
        user = "postgres";
        h2Dir = null;
      }
      case "mariadb" -> {
        admin(MARIA_ADMIN, "root", "CREATE DATABASE " + schema);
        url = "jdbc:mariadb://127.0.0.1:3306/" + schema;
        user = "root";
        h2Dir = null;
      }
      case "h2" -> {
        h2Dir = Files.createDirectories(workDir.resolve("h2"));
        url = "jdbc:h2:file:" + h2Dir.toAbsolutePath().resolve("chaos") + ";AUTO_SERVER=TRUE";
        user = "sa";
      }
      default ->
          throw new IllegalArgumentException(
              "--db must be postgresql, mariadb or h2, not '" + kind + "'");
    }
  }

  /** A connection of the run itself (not counted as an agent's): tables via {@link #table}. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        switch (kind) {
          case "postgresql" -> PG_ADMIN + "?reWriteBatchedInserts=true";
          case "mariadb" -> MARIA_ADMIN + "?rewriteBatchedStatements=true";
          default -> url;
        },
        user,
        "");
  }

  /** A table of the run, qualified with its schema. */
  String table(String name) {
    return kind.equals("h2") ? PREFIX + name : schema + "." + PREFIX + name;
  }

  private static void admin(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * Inserts rows {@code from}..{@code to-1} of the run in one transaction: the row number decides
   * the type (S, L, M with a JPEG, A, F), the account (round robin) and a recipient of its own
   * ({@code 0105} + 7 digits), so that a recipient seen twice in the carriers' log is a message
   * sent twice.
   */
  void insert(Connection c, long from, long to, List<String> accounts, Random random)
      throws SQLException {
    String cols =
        "SERIAL, MSG_TYPE, DEST_ADDR, CALLBACK, SENDER_CODE, SUBJECT, MSG_TEXT, KKO_SENDER_KEY, KKO_TEMPLATE, "
            + "KKO_FAILOVER, FALLBACK_TEXT, ACCOUNT";
    c.setAutoCommit(false);
    // two JDBC batches (rewritten to multi-row statements): the rows, then the MMS rows' images
    // found by SERIAL
    try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + table("MSG")
                    + " ("
                    + cols
                    + ") VALUES (?, ?, ?, '15880000', '101280092', ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement img =
            c.prepareStatement(
                "INSERT INTO "
                    + table("MSG_ATTACH")
                    + " (MSG_ID, SEQ, MTYPE, FILE_NAME, DATA) "
                    + "SELECT ID, 1, 21, 'photo.jpg', ? FROM "
                    + table("MSG")
                    + " WHERE SERIAL = ?")) {
      boolean images = false;
      for (long n = from; n < to; n++) {
        char type = MIX.charAt(random.nextInt(MIX.length()));
        ps.setString(1, serial(n));
        ps.setString(2, String.valueOf(type));
        ps.setString(3, recipient(n));
        boolean kakao = type == 'A' || type == 'F';
        ps.setString(4, type == 'L' || type == 'M' ? "chaos " + n : null);
        ps.setString(
            5,
            switch (type) {
              case 'S' -> "[chaos] 메시지 " + n;
              case 'L' -> "[chaos] 장문 메시지 " + n + " " + "가나다라마바사 ".repeat(20);
              case 'M' -> "[chaos] 사진 " + n;
              case 'A' -> "[chaos] 주문이 완료되었습니다. 번호 " + n;
              default -> "[chaos] 친구톡 " + n;
            });
        ps.setString(6, kakao ? dev.ngsign.ngs.agent.demo.SampleMessages.SENDER_KEY : null);
        ps.setString(7, type == 'A' ? "order_done_01" : null);
        if (kakao) {
          ps.setInt(8, type == 'A' ? 1 : 2);
        } else {
          ps.setNull(8, java.sql.Types.SMALLINT);
        }
        ps.setString(9, type == 'F' ? "[chaos] 대체 문자 " + n : null);
        ps.setString(10, accounts.get((int) (n % accounts.size())));
        ps.addBatch();
        if (type == 'M') {
          img.setBytes(1, dev.ngsign.ngs.agent.demo.SampleMessages.JPEG);
          img.setString(2, serial(n));
          img.addBatch();
          images = true;
        }
      }
      ps.executeBatch();
      if (images) {
        img.executeBatch();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * The SERIAL of row number n of the run: n + 1 (numeric, so the carrier log can be tallied in a
   * bit set).
   */
  static String serial(long n) {
    return Long.toString(n + 1);
  }

  static String recipient(long n) {
    return String.format("0105%07d", n);
  }

  /** Rows by STATUS. */
  Map<String, Long> statusCounts(Connection c) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT STATUS, COUNT(*) FROM " + table("MSG") + " GROUP BY STATUS")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  long count(Connection c, String where) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM " + table("MSG") + " WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Account → holding node, from the lease table. */
  Map<String, String> holders(Connection c) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT ACCOUNT, HOLDER FROM " + table("LEASE") + " WHERE HOLDER IS NOT NULL")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /**
   * Open connections of this run's agents (PostgreSQL: by application name, MariaDB: by schema), -1
   * for H2.
   */
  long connections(Connection c) throws SQLException {
    String sql =
        switch (kind) {
          case "postgresql" ->
              "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + schema + "'";
          case "mariadb" ->
              "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + schema + "'";
          default -> null;
        };
    if (sql == null) {
      return -1;
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    if (keep) {
      return;
    }
    switch (kind) {
      case "postgresql" ->
          admin(PG_ADMIN, "postgres", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      case "mariadb" -> admin(MARIA_ADMIN, "root", "DROP DATABASE IF EXISTS " + schema);
      default -> {
        /* the H2 file stays in the run's directory */
      }
    }
  }
}
