package dev.ngsign.navercert.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.server.PendingRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppPageTest {
  @Test
  void page_escapes_partner_supplied_text_and_shows_buttons() {
    PendingRequest r =
        new PendingRequest(
            "1".repeat(32),
            "023090000021",
            "MULTI",
            SignState.WAITING,
            "<script>alert(1)</script>",
            "a & b",
            "1600-9854",
            "홍*동",
            "010****1234",
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of(
                new PendingRequest.Document("TEXT", "<img src=x onerror=alert(1)>"),
                new PendingRequest.Document("PDF", "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")));
    String html = AppPage.render(List.of(r), List.of(r), "done \"x\"");
    assertThat(html)
        .doesNotContain("<script>alert", "<img src=x")
        .contains(
            "&lt;script&gt;",
            "a &amp; b",
            "done &quot;x&quot;",
            "2026-01-01 09:00:00 KST",
            "data-action=\"sign\"",
            "data-action=\"refuse\"",
            "PDF (SHA-256, Base64url)");
  }

  @Test
  void names_and_phones_are_masked() {
    assertThat(Engine.maskName("홍길동")).isEqualTo("홍*동");
    assertThat(Engine.maskName("김수")).isEqualTo("김*");
    assertThat(Engine.maskName("John Smith")).isEqualTo("J********h");
    assertThat(Engine.maskPhone("01012345678")).isEqualTo("010****5678");
  }
}
