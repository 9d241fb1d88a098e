package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's code texts are docs/error-codes.md's table, row for row, plus the agent's 9xxx. */
class CodeTextTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\d+) \\| `(\\w+)` \\| [^|]+ \\| (retry|final) \\| (.+) \\|$");

  @Test
  void every_row_of_the_documented_table_reads_the_same() throws IOException {
    int rows = 0;
    for (String line :
        Files.readAllLines(Path.of("..", "docs", "error-codes.md"), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        CodeText c = CodeText.of(Integer.parseInt(m.group(1)));
        assertThat(c.name()).as(line).isEqualTo(m.group(2));
        assertThat(c.meaning()).as(line).isEqualTo(m.group(4));
        assertThat(c.retryable()).as(line).isEqualTo(m.group(3).equals("retry"));
        rows++;
      }
    }
    assertThat(rows).isGreaterThan(40);
  }

  @Test
  void agent_codes_and_unknown_codes() {
    for (AgentCode a : AgentCode.values()) {
      assertThat(CodeText.of(a.code()))
          .isEqualTo(new CodeText(a.code(), a.name(), a.meaning(), false));
    }
    assertThat(CodeText.of(5555).name()).isEqualTo("unknown");
  }
}
