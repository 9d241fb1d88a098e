package dev.ngsign.ngs.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/kakao-extras.md: every JSON example passes the schema as written, and every refused example
 * in its table is refused with the message the table shows.
 */
class KakaoExtrasDocTest {
  static final Path DOC = Path.of("..", "docs", "kakao-extras.md");

  @Test
  void everyExampleInTheDocPasses() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> examples = new ArrayList<>();
    while (m.find()) {
      examples.add(m.group(1));
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    for (String json : examples) {
      assertThat(KakaoExtras.check(json)).as(json).isEmpty();
    }
  }

  @Test
  void everyRefusedExampleGivesTheDocumentedMessage() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?m)^\\| `(\\{.*?\\}|\\[.*?\\])` \\| `(.*?)` \\|$").matcher(doc);
    int n = 0;
    while (m.find()) {
      List<ContentViolation> v = KakaoExtras.check(m.group(1));
      assertThat(v).as(m.group(1)).extracting(ContentViolation::message).contains(m.group(2));
      n++;
    }
    assertThat(n).isGreaterThanOrEqualTo(5);
    String six =
        "{\"button\": ["
            + String.join(
                ",", java.util.Collections.nCopies(6, "{\"name\": \"b\", \"type\": \"BK\"}"))
            + "]}";
    assertThat(KakaoExtras.check(six))
        .extracting(ContentViolation::message)
        .contains("button has 6 entries; at most 5");
  }
}
