package dev.ngsign.navercert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Known answers computed with an independent implementation (Python hmac/hashlib). */
class HmacTest {
  private static final byte[] KEY =
      Base64.getDecoder().decode("SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=");
  private static final byte[] TOKEN_BODY =
      "{\"scope\":[\"partner\",\"421\",\"422\",\"423\",\"424\"]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void linkhub_signature_without_forwarded() {
    // POST \n b64(sha256(body)) \n x-lh-date \n 2.0 \n /BAROCERT/Token
    assertThat(
            Hmac.linkhubSignature(
                KEY, TOKEN_BODY, "2024-01-02T03:04:05Z", null, "2.0", "/BAROCERT/Token"))
        .isEqualTo("1+rQlIbxmvR+ysRPFsg+1i+ArF2rao7XDRLKlLkmiMw=");
  }

  @Test
  void linkhub_signature_with_forwarded_adds_its_line() {
    assertThat(
            Hmac.linkhubSignature(
                KEY, TOKEN_BODY, "2024-01-02T03:04:05Z", "*", "2.0", "/BAROCERT/Token"))
        .isEqualTo("qBdyWKCJJ8i4g3oWTaSWzVmnIHH2rzq993K/FWraSDQ=");
  }

  @Test
  void bc_auth_over_the_verify_body() {
    // POST \n b64(sha256("\"\"")) \n x-bc-date \n path \n
    assertThat(
            Hmac.bcAuth(
                KEY,
                "\"\"".getBytes(StandardCharsets.UTF_8),
                "2024-01-02T03:04:05.678Z",
                "/NAVER/MultiSign/023090000021/02309050230600000880000000000007"))
        .isEqualTo("L1XcMNSbVndGoQ4uKCtg92c7jTie6+J57VanCyyDuKI=");
  }

  @Test
  void one_changed_byte_changes_the_signature() {
    byte[] body = "\"\"".getBytes(StandardCharsets.UTF_8);
    String good =
        Hmac.bcAuth(KEY, body, "2024-01-02T03:04:05.678Z", "/NAVER/MultiSign/023090000021");
    body[0] ^= 1;
    assertThat(Hmac.bcAuth(KEY, body, "2024-01-02T03:04:05.678Z", "/NAVER/MultiSign/023090000021"))
        .isNotEqualTo(good);
    assertThat(Hmac.matches(good, good)).isTrue();
    assertThat(Hmac.matches(good, null)).isFalse();
  }
}
