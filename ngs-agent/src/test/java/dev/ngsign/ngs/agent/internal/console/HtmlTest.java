package dev.ngsign.ngs.agent.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Escaping for the console's pages (the recipient mask is RecipientMask's, tested there). */
class HtmlTest {
  @Test
  void escapes_markup_and_quotes_and_keeps_korean() {
    assertThat(Html.esc("<script>alert('x')</script> & \"q\" 한글"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; 한글");
  }
}
