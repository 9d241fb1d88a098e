package dev.ngsign.ngs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.SpecBytes;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Section 5: key from the password hash at KEYPOS, the PWD field, and the spec's CERT example. */
class KeyDerivationTest {
  /**
   * CERT example PWD (section 4.1), its line breaks joined. Its third block is damaged in the
   * spec's transcription.
   */
  static final String SPEC_CERT_PWD =
      "ONs0wphSMJDVhzcYvm8hN89/bA4NzZQAYQvMstW8d29nm760R2ujAxD0lzo1iKi85uFKfAcOXfMZicTfMfJ04mvAby03pCF9sbRDorZ9HNM=";

  @Test
  void certExamplePwdDecryptsToAHashWithTheExampleKeyAtOffset12() throws Exception {
    byte[] c = Base64.getDecoder().decode(SPEC_CERT_PWD);
    assertThat(c).hasSize(80); // 64 hex chars + 16 bytes PKCS#5 padding
    // CBC by hand on the first two blocks: P1 = D(C1) xor IV(0), P2 = D(C2) xor C1
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(GoldenKey.bytes(), "AES"));
    byte[] d = ecb.doFinal(c, 0, 32);
    for (int i = 0; i < 16; i++) {
      d[16 + i] ^= c[i];
    }
    String firstTwoBlocks = new String(d, StandardCharsets.US_ASCII);
    assertThat(firstTwoBlocks).isEqualTo("a85b6a20813c31a8b1b3f3618da79627");
    // the key is the hash's 32 characters from offset 12: the decrypted hash itself says so
    assertThat(firstTwoBlocks.substring(12)).isEqualTo(GoldenKey.SPEC_KEY.substring(0, 20));
  }

  @Test
  void keyIsThirtyTwoHashCharactersFromKeyPos() throws Exception {
    String password = "ngsign-test-password";
    String hex =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
    PasswordHash hash = PasswordHash.of(password);
    for (int pos : new int[] {0, 12, 32}) {
      byte[] expectedPlain = "x".repeat(40).getBytes(StandardCharsets.US_ASCII);
      // encrypting with the derived key equals encrypting with the hex substring as the key
      Cipher cbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cbc.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(
              hex.substring(pos, pos + 32).getBytes(StandardCharsets.US_ASCII), "AES"),
          new javax.crypto.spec.IvParameterSpec(new byte[16]));
      assertThat(hash.key(pos).encrypt(expectedPlain)).isEqualTo(cbc.doFinal(expectedPlain));
    }
  }

  @Test
  void keyPos60IsFourCharactersAndNulPadding() throws Exception {
    // section 5.1: offset 60 leaves only the last 4 characters ("1087" in the spec's example)
    String password = "pw";
    String hex =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
    byte[] padded = new byte[32];
    System.arraycopy(hex.substring(60).getBytes(StandardCharsets.US_ASCII), 0, padded, 0, 4);
    byte[] plain = "abc".getBytes(StandardCharsets.US_ASCII);
    Cipher cbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cbc.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(padded, "AES"),
        new javax.crypto.spec.IvParameterSpec(new byte[16]));
    assertThat(PasswordHash.of(password).key(60).encrypt(plain)).isEqualTo(cbc.doFinal(plain));
    assertThat(PasswordHash.of(password).key(60).encrypt(plain))
        .isEqualTo(NgsKey.ofKeyString(hex.substring(60)).encrypt(plain));
  }

  @Test
  void pwdFieldIs108Base64CharactersAndDecryptsToTheHexHash() throws Exception {
    PasswordHash hash = PasswordHash.of("secret");
    String pwd = hash.pwdField(12);
    assertThat(pwd).hasSize(108);
    String hex =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(new String(hash.key(12).decryptPwdField(pwd), StandardCharsets.US_ASCII))
        .isEqualTo(hex);
    assertThat(hash.matchesPwdField(pwd, 12)).isTrue();
    assertThat(hash.matchesPwdField(pwd, 13)).isFalse();
    assertThat(PasswordHash.of("Secret").matchesPwdField(pwd, 12)).isFalse();
  }

  @Test
  void keyPosOutsideTheSpecIsATypedError() {
    assertThatThrownBy(() -> PasswordHash.of("pw").key(65))
        .isInstanceOf(NgsCryptoException.class)
        .hasMessageContaining("KEYPOS")
        .hasMessageContaining("65");
  }

  @Test
  void wrongKeyFailsToDecryptWithATypedErrorThatLeaksNoKey() {
    Deliver d =
        Deliver.builder(MessageType.SMS)
            .daAddr("01012345678")
            .callback("15880000")
            .encoding(ContentEncoding.MS949)
            .text("hello")
            .serial("1")
            .senderCode("123456789")
            .build();
    byte[] enc = PacketCodec.toBytes(d, PasswordHash.of("pw-Alpha-7731").key(5).bodyCipher());
    assertThatThrownBy(
            () -> PacketCodec.fromBytes(enc, PasswordHash.of("pw-Bravo-0042").key(5).bodyCipher()))
        .isInstanceOf(NgsCryptoException.class)
        .hasMessageContaining("DELIVER")
        .hasMessageContaining("does not decrypt")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("pw-Alpha-7731", "pw-Bravo-0042", "Alpha", "Bravo"));
  }

  @Test
  void secretsStayOutOfToString() {
    assertThat(PasswordHash.of("hunter2").toString())
        .doesNotContain("hunter2")
        .isEqualTo("PasswordHash[hidden]");
    assertThat(PasswordHash.of("hunter2").key(3).toString()).isEqualTo("NgsKey[keyPos=3]");
  }

  /** The spec's example key (section 5.3) and its bytes. */
  static final class GoldenKey {
    static final String SPEC_KEY = "31a8b1b3f3618da796271c9aa293b3f8";

    static byte[] bytes() {
      return SPEC_KEY.getBytes(StandardCharsets.US_ASCII);
    }
  }

  static {
    // keep SpecBytes referenced so the helper compiles with the crypto tests alone
    SpecBytes.frame();
  }
}
