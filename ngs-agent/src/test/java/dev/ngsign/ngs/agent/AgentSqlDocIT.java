package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.agent.internal.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/agent.md's SQL runs as written: every {@code sql} block on H2, PostgreSQL and MariaDB
 * through JDBC; the image examples with the tools they name — the psql block with {@code psql} on
 * PostgreSQL, the mariadb block with {@code mariadb} on MariaDB, the {@code sql h2} block on H2 —
 * and the rows and image bytes land where the agent reads them.
 */
class AgentSqlDocIT {
  static final Path DOC = Path.of("..", "docs", "agent.md");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```([\\w ]*)\\n(.*?)^```");

  @TempDir Path dir;

  record Block(String info, String body) {}

  static List<Block> blocks() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = FENCE.matcher(doc);
    List<Block> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Block(m.group(1).strip(), m.group(2)));
    }
    return out;
  }

  /** The statements of a SQL text: comment lines dropped, split at a semicolon that ends a line. */
  static List<String> statements(String sql) {
    StringBuilder clean = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : clean.toString().split(";\\s*\\n")) {
      if (!s.isBlank()) {
        out.add(s.strip().replaceAll(";$", ""));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyExampleRunsAsWritten(Dialect dialect) throws Exception {
    List<Block> blocks = blocks();
    byte[] photo = photo();
    try (TestDb db = TestDb.create(dialect)) {
      SchemaMigrator.migrate(db.ds, dialect, "NGS_");
      int inserts = 0;
      for (Block b : blocks) {
        if (b.info().equals("sql")) {
          for (String st : statements(b.body())) {
            execute(db, st);
            inserts += st.startsWith("INSERT INTO NGS_MSG ") ? 1 : 0;
          }
        }
      }
      assertThat(inserts).as("INSERT examples in the doc").isGreaterThanOrEqualTo(6);
      assertThat(db.count("SELECT COUNT(*) FROM NGS_MSG")).isEqualTo(inserts);
      assertThat(db.count("SELECT COUNT(*) FROM NGS_MSG WHERE STATUS = 'READY'"))
          .isEqualTo(inserts);

      String serial =
          switch (dialect) {
            case POSTGRESQL ->
                runTool(
                    blocks,
                    "psql ",
                    Map.of(
                        "DB",
                        "postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D"
                            + db.name),
                    photo);
            case MARIADB -> runTool(blocks, "mariadb ", Map.of("DB", db.name), photo);
            case H2 -> runH2(blocks, db, photo);
          };
      List<Map<String, Object>> rows =
          db.query(
              "SELECT M.MSG_TYPE, A.MTYPE, A.DATA FROM NGS_MSG M JOIN NGS_MSG_ATTACH A"
                  + " ON A.MSG_ID = M.ID WHERE M.SERIAL = ?",
              serial);
      assertThat(rows)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get(r.containsKey("MSG_TYPE") ? "MSG_TYPE" : "msg_type"))
                    .isEqualTo("M");
                Object data = r.get(r.containsKey("DATA") ? "DATA" : "data");
                assertThat((byte[]) data).isEqualTo(photo);
              });
    }
  }

  private static void execute(TestDb db, String sql) throws SQLException {
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          db.dialect + " refused the doc's statement: " + sql + "\n" + e.getMessage(), e);
    }
  }

  /**
   * Runs the doc's shell block for {@code tool} with bash in a directory holding photo.jpg; returns
   * its SERIAL.
   */
  private String runTool(List<Block> blocks, String tool, Map<String, String> env, byte[] photo)
      throws Exception {
    Block b =
        blocks.stream()
            .filter(x -> x.info().equals("sh") && x.body().startsWith(tool))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("docs/agent.md has no " + tool.strip() + " block"));
    Files.write(dir.resolve("photo.jpg"), photo);
    Path script = dir.resolve("example.sh");
    Files.writeString(script, "set -euo pipefail\n" + b.body());
    ProcessBuilder pb =
        new ProcessBuilder("bash", script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return serialOf(b.body());
  }

  /**
   * The H2 block through JDBC; FILE_READ reads photo.jpg from the working directory, as in the H2
   * Shell.
   */
  private static String runH2(List<Block> blocks, TestDb db, byte[] photo) throws Exception {
    Block b =
        blocks.stream()
            .filter(x -> x.info().equals("sql h2"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("docs/agent.md has no sql h2 block"));
    Path here = Path.of("photo.jpg");
    Files.write(here, photo);
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement()) {
      for (String s : statements(b.body())) {
        st.execute(s);
      }
    } finally {
      Files.deleteIfExists(here);
    }
    return serialOf(b.body());
  }

  private static String serialOf(String body) {
    Matcher m = Pattern.compile("WHERE SERIAL = '([^']+)'").matcher(body);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** A small JPEG-looking file: SOI marker, bytes of every value, EOI marker. */
  private static byte[] photo() {
    byte[] b = new byte[2_000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[b.length - 2] = (byte) 0xFF;
    b[b.length - 1] = (byte) 0xD9;
    return b;
  }
}
