package dev.ngsign.ngs.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/error-codes.md} shows exactly the {@link ResultCode} table; the spec's names keep
 * their meaning.
 */
class ErrorCodeDocTest {
  static final Path DOC = Path.of("..", "docs", "error-codes.md");
  static final String START = "<!-- table:start -->";
  static final String END = "<!-- table:end -->";

  static String table() {
    StringBuilder sb =
        new StringBuilder("| Code | Name | Where | Retry | Meaning |\n|---:|---|---|---|---|\n");
    for (ResultCode rc : ResultCode.values()) {
      if (rc == ResultCode.UNKNOWN) {
        continue;
      }
      sb.append("| ")
          .append(rc.code())
          .append(" | `")
          .append(rc.name())
          .append("` | ")
          .append(
              switch (rc.stage()) {
                case ANY -> "any";
                case SESSION -> "CERT_ACK, BIND_ACK, EVENT 0";
                case DELIVER_ACK -> "DELIVER_ACK";
                case REPORT -> "REPORT";
              })
          .append(" | ")
          .append(rc.retryable() ? "retry" : "final")
          .append(" | ")
          .append(rc.meaning())
          .append(" |\n");
    }
    return sb.toString();
  }

  @Test
  void docShowsTheEnumTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = START + "\n" + table() + END;
    if (Boolean.getBoolean("ngsign.writeDocs")) {
      doc =
          doc.substring(0, doc.indexOf(START))
              + expected
              + doc.substring(doc.indexOf(END) + END.length());
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    assertThat(doc).contains(expected);
  }

  @Test
  void codesFitTheFourCharacterResultFieldAndAreUnique() {
    Set<Integer> seen = new HashSet<>();
    for (ResultCode rc : ResultCode.values()) {
      if (rc != ResultCode.UNKNOWN) {
        assertThat(rc.code()).isBetween(0, 9999);
        assertThat(seen.add(rc.code())).as("duplicate %s", rc.code()).isTrue();
        assertThat(ResultCode.of(rc.code())).isSameAs(rc);
      }
    }
    assertThat(ResultCode.of(8888)).isSameAs(ResultCode.UNKNOWN);
  }

  @Test
  void theSpecsRetryCodesAreExactlyTheRetryableDeliverAckCodes() {
    // section 7.2: E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER are to be re-sent
    assertThat(
            java.util.Arrays.stream(ResultCode.values())
                .filter(rc -> rc.retryable() && rc.stage() == ResultCode.Stage.DELIVER_ACK))
        .containsExactlyInAnyOrder(
            ResultCode.E_SYS_FAIL,
            ResultCode.E_SYS_BUSY,
            ResultCode.E_NET_FAIL,
            ResultCode.E_TPS_OVER);
    assertThat(ResultCode.E_OK.code()).isZero();
  }
}
