package dev.ngsign.ngs.agent.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one database applies a batch of REPORTs to the send table in the fewest statements. One
 * strategy per {@link Dialect}; the caller removes repeated SERIALs (the last report wins) and
 * keeps the reports whose SERIAL matched no row as orphans.
 */
public interface ReportWriter {
  /** Rows per statement: well below every driver's bind-parameter limit. */
  int CHUNK = 500;

  /** The columns a report sets, with the alias of each value in a derived table, in bind order. */
  List<String[]> COLUMNS =
      List.of(
          new String[] {"STATUS", "st"},
          new String[] {"RESULT_CODE", "rc"},
          new String[] {"RESULT_MSG", "rm"},
          new String[] {"REPORT_FLAGS", "fl"},
          new String[] {"KKO_ERROR", "ke"},
          new String[] {"SPAM_FLAG", "sp"},
          new String[] {"TELCO", "te"},
          new String[] {"FINAL_TYPE", "ft"},
          new String[] {"GW_SERIAL", "gw"},
          new String[] {"DELIVERED_AT", "da"},
          new String[] {"REPORT_AT", "ra"});

  /**
   * The SET list every dialect writes: {@code <target>COLUMN = <source>} for each report column,
   * then {@code NEXT_TRY_AT = NULL, UPDATED_AT = ?}.
   *
   * @param target the updated table's alias with its dot, or empty
   * @param fromDerivedTable values from the derived table {@code v} by alias, else {@code ?}
   *     placeholders
   */
  static String setList(String target, boolean fromDerivedTable) {
    StringBuilder sb = new StringBuilder();
    for (String[] c : COLUMNS) {
      sb.append(target)
          .append(c[0])
          .append(" = ")
          .append(fromDerivedTable ? "v." + c[1] : "?")
          .append(", ");
    }
    return sb.append(target)
        .append("NEXT_TRY_AT = NULL, ")
        .append(target)
        .append("UPDATED_AT = ?")
        .toString();
  }

  /**
   * Writes the reports (distinct SERIALs) in the caller's transaction.
   *
   * @param statements counts executed statements (a batch counts once per row)
   * @return the SERIALs that matched a row
   */
  Set<String> write(
      Connection c,
      String sendTable,
      List<ReportUpdate> reports,
      LocalDateTime now,
      LongAdder statements)
      throws SQLException;

  /** The list cut into statements of at most {@link #CHUNK}. */
  static <T> List<List<T>> chunks(List<T> list) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < list.size(); from += CHUNK) {
      out.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
    }
    return out;
  }

  /** {@code ?,?,...} n times. */
  static String placeholders(int n) {
    return "?" + ",?".repeat(Math.max(0, n - 1));
  }

  /** The reports' SERIALs present in the send table: one SELECT per chunk. */
  static Set<String> knownSerials(
      Connection c, String sendTable, List<ReportUpdate> reports, LongAdder statements)
      throws SQLException {
    Set<String> known = new HashSet<>();
    for (List<ReportUpdate> part : chunks(reports)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT SERIAL FROM "
                  + sendTable
                  + " WHERE SERIAL IN ("
                  + placeholders(part.size())
                  + ")")) {
        int i = 1;
        for (ReportUpdate r : part) {
          ps.setString(i++, r.serial());
        }
        statements.increment();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
    }
    return known;
  }

  /**
   * PostgreSQL: one {@code UPDATE ... FROM unnest(<one array per column>) RETURNING} per chunk
   * tells which SERIALs matched. Its text is the same whatever the chunk's size, so the driver
   * prepares it once per connection and the server plans it once: with one {@code ?} per value (a
   * {@code VALUES} list of up to 500 rows of 12) every batch was a new statement of up to 6,000
   * parameters, parsed by the driver and parsed and planned by the server each time.
   */
  final class Postgres implements ReportWriter {
    @Override
    public Set<String> write(
        Connection c,
        String sendTable,
        List<ReportUpdate> reports,
        LocalDateTime now,
        LongAdder statements)
        throws SQLException {
      String sql =
          "UPDATE "
              + sendTable
              + " AS m SET "
              + setList("", true)
              + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS INT[]),"
              + " CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]),"
              + " CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMP[]),"
              + " CAST(? AS TIMESTAMP[])) AS v(serial, st, rc, rm, fl, ke, sp, te, ft, gw, da, ra)"
              + " WHERE m.SERIAL = v.serial RETURNING m.SERIAL";
      Set<String> known = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (List<ReportUpdate> part : chunks(reports)) {
          int n = part.size();
          String[] serial = new String[n];
          String[] status = new String[n];
          Integer[] resultCode = new Integer[n];
          String[] resultMsg = new String[n];
          String[] flags = new String[n];
          String[] kkoError = new String[n];
          String[] spam = new String[n];
          String[] telco = new String[n];
          String[] finalType = new String[n];
          String[] gwSerial = new String[n];
          String[] deliveredAt = new String[n];
          String[] reportAt = new String[n];
          for (int j = 0; j < n; j++) {
            ReportUpdate r = part.get(j);
            serial[j] = r.serial();
            status[j] = r.status();
            resultCode[j] = r.resultCode();
            resultMsg[j] = r.resultMsg();
            flags[j] = r.reportFlags();
            kkoError[j] = r.kkoError();
            spam[j] = r.spamFlag();
            telco[j] = r.telco();
            finalType[j] = r.finalType();
            gwSerial[j] = r.gwSerial();
            deliveredAt[j] = timestamp(r.deliveredAt());
            reportAt[j] = timestamp(r.reportAt());
          }
          int i = 1;
          ps.setObject(i++, now); // UPDATED_AT
          for (Object[] column :
              List.<Object[]>of(
                  serial,
                  status,
                  resultCode,
                  resultMsg,
                  flags,
                  kkoError,
                  spam,
                  telco,
                  finalType,
                  gwSerial,
                  deliveredAt,
                  reportAt)) {
            ps.setArray(i++, c.createArrayOf(column == resultCode ? "int4" : "varchar", column));
          }
          statements.increment();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              known.add(rs.getString(1));
            }
          }
        }
      }
      return known;
    }

    /** ISO 8601, which PostgreSQL reads as a TIMESTAMP (to the microsecond). */
    private static String timestamp(LocalDateTime t) {
      return t == null ? null : t.toString();
    }
  }

  /**
   * MariaDB: find the known SERIALs, then one multi-table {@code UPDATE ... JOIN} over a derived
   * table of the known reports per chunk (MariaDB has no {@code RETURNING} on UPDATE).
   */
  final class MariaDb implements ReportWriter {
    private static final String FIRST_ROW =
        "SELECT CAST(? AS CHAR(20)) AS serial, CAST(? AS CHAR(10)) AS st, CAST(? AS SIGNED) AS rc,"
            + " CAST(? AS CHAR(400)) AS rm, CAST(? AS CHAR(15)) AS fl, CAST(? AS CHAR(10)) AS ke, CAST(? AS CHAR(1)) AS sp,"
            + " CAST(? AS CHAR(3)) AS te, CAST(? AS CHAR(1)) AS ft, CAST(? AS CHAR(16)) AS gw, CAST(? AS DATETIME(3)) AS da,"
            + " CAST(? AS DATETIME(3)) AS ra";

    @Override
    public Set<String> write(
        Connection c,
        String sendTable,
        List<ReportUpdate> reports,
        LocalDateTime now,
        LongAdder statements)
        throws SQLException {
      Set<String> known = knownSerials(c, sendTable, reports, statements);
      List<ReportUpdate> toWrite =
          reports.stream().filter(r -> known.contains(r.serial())).toList();
      for (List<ReportUpdate> part : chunks(toWrite)) {
        StringBuilder sql =
            new StringBuilder("UPDATE ").append(sendTable).append(" m JOIN (").append(FIRST_ROW);
        sql.append(
            (" UNION ALL SELECT " + placeholders(ReportUpdate.VALUES + 1)).repeat(part.size() - 1));
        sql.append(") v ON m.SERIAL = v.serial COLLATE utf8mb4_bin SET ")
            .append(setList("m.", true));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
          int i = 1;
          for (ReportUpdate r : part) {
            i = r.bindRow(ps, i);
          }
          ps.setObject(i, now);
          statements.increment();
          ps.executeUpdate();
        }
      }
      return known;
    }
  }

  /** Any database (H2): find the known SERIALs, then one batched single-row UPDATE per report. */
  final class Batched implements ReportWriter {
    @Override
    public Set<String> write(
        Connection c,
        String sendTable,
        List<ReportUpdate> reports,
        LocalDateTime now,
        LongAdder statements)
        throws SQLException {
      // Which SERIALs exist: one query, because a batched UPDATE's counts are not reliable on every
      // driver.
      Set<String> known = knownSerials(c, sendTable, reports, statements);
      String sql = "UPDATE " + sendTable + " SET " + setList("", false) + " WHERE SERIAL = ?";
      int n = 0;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (ReportUpdate r : reports) {
          if (!known.contains(r.serial())) {
            continue;
          }
          int i = r.bindValues(ps, 1);
          ps.setObject(i++, now);
          ps.setString(i, r.serial());
          ps.addBatch();
          statements.increment();
          n++;
        }
        if (n > 0) {
          ps.executeBatch();
        }
      }
      return known;
    }
  }
}
