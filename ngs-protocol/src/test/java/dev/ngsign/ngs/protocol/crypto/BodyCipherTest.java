package dev.ngsign.ngs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Section 5.3's body cipher against the JDK's own AES/CBC/PKCS5Padding with the spec's key and a
 * zero IV, the reference any peer uses: the same ciphertext for every length around a block
 * boundary, on heap and direct buffers; every body starts again from the zero IV; bad padding is
 * refused and does not disturb the next body.
 */
class BodyCipherTest {
  static final String SPEC_KEY = "31a8b1b3f3618da796271c9aa293b3f8"; // section 5.3, offset 12

  static Cipher jdk(int mode) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(
        mode,
        new SecretKeySpec(SPEC_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(new byte[16]));
    return c;
  }

  static byte[] bytes(ByteBuf b) {
    byte[] a = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), a);
    return a;
  }

  static byte[] encrypt(BodyCipher c, byte[] plain, boolean direct) {
    ByteBuf in = direct ? Unpooled.directBuffer().writeBytes(plain) : Unpooled.wrappedBuffer(plain);
    ByteBuf out = direct ? Unpooled.directBuffer(8) : Unpooled.buffer(8);
    out.writeByte(0x55); // something already in the buffer stays in front
    c.encrypt(in, out);
    assertThat(in.isReadable()).isFalse();
    assertThat(out.readByte()).isEqualTo((byte) 0x55);
    return bytes(out);
  }

  static byte[] decrypt(BodyCipher c, byte[] cipherText, boolean direct) {
    ByteBuf in =
        direct
            ? Unpooled.directBuffer().writeBytes(cipherText)
            : Unpooled.wrappedBuffer(cipherText);
    ByteBuf out = direct ? Unpooled.directBuffer(8) : Unpooled.buffer(8);
    c.decrypt(in, out, "DELIVER");
    assertThat(in.isReadable()).isFalse();
    return bytes(out);
  }

  @Test
  void sameCiphertextAsTheJdkForEveryLengthAroundABlock() throws Exception {
    BodyCipher c = NgsKey.ofKeyString(SPEC_KEY).bodyCipher();
    Random random = new Random(5_3L);
    for (int len = 0; len <= 50; len++) {
      byte[] plain = new byte[len];
      random.nextBytes(plain);
      byte[] expected = jdk(Cipher.ENCRYPT_MODE).doFinal(plain);
      assertThat(expected).hasSize(BodyCipher.cipherLength(len));
      for (boolean direct : new boolean[] {false, true}) {
        assertThat(encrypt(c, plain, direct))
            .as("length %d, direct %s", len, direct)
            .isEqualTo(expected);
        assertThat(decrypt(c, expected, direct))
            .as("length %d, direct %s", len, direct)
            .isEqualTo(plain);
      }
    }
  }

  @Test
  void everyBodyStartsFromTheZeroIv() throws Exception {
    BodyCipher c = NgsKey.ofKeyString(SPEC_KEY).bodyCipher();
    byte[] plain = "the same 221-byte body, twice".repeat(8).getBytes(StandardCharsets.US_ASCII);
    byte[] first = encrypt(c, plain, false);
    assertThat(encrypt(c, plain, false))
        .isEqualTo(first)
        .isEqualTo(jdk(Cipher.ENCRYPT_MODE).doFinal(plain));
    assertThat(decrypt(c, first, false)).isEqualTo(plain);
    assertThat(decrypt(c, first, true)).isEqualTo(plain);
  }

  @Test
  void badPaddingIsRefusedAndTheNextBodyStillDecrypts() throws Exception {
    BodyCipher c = NgsKey.ofKeyString(SPEC_KEY).bodyCipher();
    Cipher raw = Cipher.getInstance("AES/CBC/NoPadding");
    raw.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(SPEC_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(new byte[16]));
    byte[] good = jdk(Cipher.ENCRYPT_MODE).doFinal("hello".getBytes(StandardCharsets.US_ASCII));
    byte[][] lastBlocks = {
      block(0), // a pad length of 0
      block(17), // more than a block
      block(3, 3, 2, 3), // the pad bytes disagree
      block(
          15, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
          16), // a whole block of padding, its first byte off
    };
    for (byte[] last : lastBlocks) {
      byte[] plain = new byte[32];
      Arrays.fill(plain, (byte) 'x');
      System.arraycopy(last, 0, plain, 16, 16);
      byte[] bad = raw.doFinal(plain);
      for (boolean direct : new boolean[] {false, true}) {
        assertThatThrownBy(() -> decrypt(c, bad, direct))
            .isInstanceOf(NgsCryptoException.class)
            .hasMessageContaining("DELIVER")
            .hasMessageContaining("does not decrypt");
        assertThat(decrypt(c, good, direct)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  /** A 16-byte block ending in {@code tail} (the last byte is the pad length), the rest 'y'. */
  static byte[] block(int... tail) {
    byte[] b = new byte[16];
    Arrays.fill(b, (byte) 'y');
    for (int i = 0; i < tail.length; i++) {
      b[16 - tail.length + i] = (byte) tail[i];
    }
    return b;
  }

  @Test
  void lengthThatIsNotWholeBlocksIsRefused() {
    BodyCipher c = NgsKey.ofKeyString(SPEC_KEY).bodyCipher();
    assertThatThrownBy(() -> decrypt(c, new byte[33], false))
        .isInstanceOf(NgsCryptoException.class)
        .hasMessage("DELIVER.MsgLeng: encrypted body of 33 bytes is not a positive multiple of 16");
    assertThatThrownBy(() -> decrypt(c, new byte[0], true))
        .hasMessage("DELIVER.MsgLeng: encrypted body of 0 bytes is not a positive multiple of 16");
  }
}
