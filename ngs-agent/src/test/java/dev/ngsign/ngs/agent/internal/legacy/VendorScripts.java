package dev.ngsign.ngs.agent.internal.legacy;

import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The vendors' DDL and the customers' INSERTs under {@code src/test/resources/legacy/<layout>/},
 * run as they are written: {@code <dialect>.sql} creates the vendor's tables, {@code
 * customer-inserts.sql} is what a site's code executes ({@code ${name}} placeholders replaced).
 */
public final class VendorScripts {
  private VendorScripts() {}

  /** Creates the layout's vendor tables on {@code db} with the vendor's DDL for its database. */
  public static void createVendorTables(TestDb db, String layout) {
    run(db, "legacy/" + layout + "/" + fileOf(db.dialect) + ".sql", Map.of(), null);
  }

  /** Runs the customer's INSERTs of the layout. */
  public static void customerInserts(TestDb db, String layout, Map<String, String> values) {
    run(db, "legacy/" + layout + "/customer-inserts.sql", values, null);
  }

  /**
   * Runs the customer's INSERTs of the layout without the site's own column {@code siteColumn} (for
   * tables made from the vendor's DDL alone).
   */
  public static void customerInserts(
      TestDb db, String layout, Map<String, String> values, String siteColumn) {
    run(db, "legacy/" + layout + "/customer-inserts.sql", values, siteColumn);
  }

  private static String fileOf(Dialect d) {
    return d.name().toLowerCase(Locale.ROOT);
  }

  static void run(
      TestDb db, String resource, Map<String, String> values, @Nullable String dropColumn) {
    String text;
    try (InputStream in = VendorScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> v : values.entrySet()) {
      text = text.replace("${" + v.getKey() + "}", v.getValue());
    }
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement()) {
      for (String stmt : statements(text)) {
        st.execute(dropColumn == null ? stmt : withoutColumn(stmt, dropColumn));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(resource + ": " + e.getMessage(), e);
    }
  }

  /** An INSERT without one of its columns and that column's value (the last one of the list). */
  static String withoutColumn(String insert, String column) {
    if (!insert.contains(", " + column + ")")) {
      return insert;
    }
    String s = insert.replace(", " + column + ")", ")");
    int close = s.lastIndexOf(')');
    int comma = s.lastIndexOf(", ", close);
    return s.substring(0, comma) + s.substring(close);
  }

  /** The statements of a script: comment lines dropped, split at a {@code ;} ending a line. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String s = cur.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
