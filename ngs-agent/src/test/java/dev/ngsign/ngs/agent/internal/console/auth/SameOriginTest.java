package dev.ngsign.ngs.agent.internal.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.http.Request;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests count as coming from the console's own pages. */
class SameOriginTest {
  private static Request post(Map<String, String> headers) {
    HttpHeaders h = new DefaultHttpHeaders();
    headers.forEach(h::set);
    return new Request("POST", "/actions/pause", null, h, new byte[0]);
  }

  @Test
  void sec_fetch_site_decides_when_present() {
    assertThat(SameOrigin.refusal(post(Map.of("Sec-Fetch-Site", "same-origin")))).isNull();
    for (String site : new String[] {"same-site", "cross-site", "none"}) {
      assertThat(
              SameOrigin.refusal(
                  post(
                      Map.of(
                          "Sec-Fetch-Site",
                          site,
                          "Origin",
                          "http://127.0.0.1:9464",
                          "Host",
                          "127.0.0.1:9464"))))
          .as(site)
          .isNotNull();
    }
  }

  @Test
  void without_it_the_origin_must_be_the_host_or_the_forwarded_host() {
    assertThat(
            SameOrigin.refusal(
                post(Map.of("Origin", "http://127.0.0.1:9464", "Host", "127.0.0.1:9464"))))
        .isNull();
    assertThat(
            SameOrigin.refusal(
                post(
                    Map.of(
                        "Origin", "https://ops.example.com",
                        "Host", "127.0.0.1:9464",
                        "X-Forwarded-Host", "ops.example.com"))))
        .isNull();
    assertThat(
            SameOrigin.refusal(
                post(Map.of("Origin", "http://127.0.0.1:9465", "Host", "127.0.0.1:9464"))))
        .isNotNull();
    assertThat(
            SameOrigin.refusal(
                post(Map.of("Origin", "http://evil.example", "Host", "127.0.0.1:9464"))))
        .isNotNull();
    assertThat(SameOrigin.refusal(post(Map.of("Origin", "null", "Host", "x")))).isNotNull();
    assertThat(SameOrigin.refusal(post(Map.of("Host", "127.0.0.1:9464")))).isNotNull();
  }
}
