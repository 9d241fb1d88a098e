package dev.ngsign.navercert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.navercert.EncryptionMode;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FieldCipherTest {
  private static final byte[] KEY =
      Base64.getDecoder().decode("SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=");

  @ParameterizedTest
  @EnumSource(EncryptionMode.class)
  void round_trip_with_random_iv(EncryptionMode mode) throws Exception {
    String a = FieldCipher.encrypt(mode, KEY, "홍길동");
    String b = FieldCipher.encrypt(mode, KEY, "홍길동");
    assertThat(a).isNotEqualTo(b);
    assertThat(FieldCipher.decrypt(mode, KEY, a)).isEqualTo("홍길동");
    byte[] raw = Base64.getDecoder().decode(a);
    int iv = mode == EncryptionMode.GCM ? 12 : 16;
    int expected =
        mode == EncryptionMode.GCM ? iv + 9 + 16 : iv + 16; // 9 UTF-8 bytes; CBC pads to 16
    assertThat(raw).hasSize(expected);
  }

  @ParameterizedTest
  @EnumSource(EncryptionMode.class)
  void wrong_key_or_tampering_fails(EncryptionMode mode) {
    String c = FieldCipher.encrypt(mode, KEY, "01012341234");
    byte[] other = KEY.clone();
    other[0] ^= 1;
    if (mode == EncryptionMode.GCM) {
      byte[] raw = Base64.getDecoder().decode(c);
      raw[raw.length - 1] ^= 1;
      assertThatThrownBy(
              () -> FieldCipher.decrypt(mode, KEY, Base64.getEncoder().encodeToString(raw)))
          .isInstanceOf(GeneralSecurityException.class);
      assertThatThrownBy(() -> FieldCipher.decrypt(mode, other, c))
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> FieldCipher.decrypt(mode, KEY, "not base64!"))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> FieldCipher.decrypt(mode, KEY, "AAAA"))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
