package dev.ngsign.ngs.protocol.codec;

import static dev.ngsign.ngs.protocol.SpecBytes.MS949;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.SpecBytes;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;
import org.junit.jupiter.api.Test;

/**
 * The spec's section 5.3 example, plain and encrypted, byte for byte ({@code shared/spec/vectors}).
 */
class GoldenVectorTest {
  static final byte[] PLAIN = SpecBytes.vector("deliver-sms-plain.hex");
  static final byte[] ENCRYPTED = SpecBytes.vector("deliver-sms-encrypted-keypos12.hex");

  /** The key the spec prints for offset 12. */
  static final String SPEC_KEY = "31a8b1b3f3618da796271c9aa293b3f8";

  /** The SMS DELIVER of section 4.3 / 5.3, from the values in the spec's table. */
  static Deliver specSms() {
    return Deliver.builder(MessageType.SMS)
        .daAddr("01020001234")
        .callback("15880000")
        .encoding(ContentEncoding.MS949)
        .text("SMS 테스트 발송 입니다.")
        .serial("202112310012345")
        .senderCode("101280092")
        .build();
  }

  @Test
  void plainVectorIsTheSpecTableFieldByField() {
    byte[] fromTable =
        SpecBytes.frame()
            .f("21", 4)
            .f("221", 10) // 3.1 header: HeadType 21 (DELIVER), MsgLeng 221
            .f("S", 2) // MSGTYPE
            .f("01020001234", 20) // DA_ADDR
            .f("15880000", 20) // CALLBACK
            .f("0", 2) // ENCODING 0: EUC-KR (MS949)
            .f("SMS 테스트 발송 입니다.", 141, MS949) // TEXT
            .f("202112310012345", 20) // SERIAL
            .f("101280092", 10) // SENDER_CODE
            .f("0", 2) // MEDIACNT
            .f("0", 4) // EXT_SIZE
            .bytes();
    assertThat(fromTable).isEqualTo(PLAIN);
  }

  @Test
  void encodesTheSpecSmsToThePlainVector() {
    assertThat(PacketCodec.toBytes(specSms())).isEqualTo(PLAIN);
  }

  @Test
  void decodesThePlainVectorToTheSpecValues() {
    Deliver d = (Deliver) PacketCodec.fromBytes(PLAIN);
    assertThat(d).isEqualTo(specSms());
    assertThat(d.text()).isEqualTo("SMS 테스트 발송 입니다.");
  }

  @Test
  void encryptsTheSpecSmsToTheEncryptedVector() {
    byte[] encrypted = PacketCodec.toBytes(specSms(), NgsKey.ofKeyString(SPEC_KEY).bodyCipher());
    assertThat(encrypted).isEqualTo(ENCRYPTED);
    // header stays clear; MsgLeng is the ciphertext length: 221 bytes -> 224
    assertThat(java.util.Arrays.copyOf(encrypted, 14))
        .isEqualTo(SpecBytes.frame().f("21", 4).f("224", 10).bytes());
  }

  @Test
  void decryptsTheEncryptedVectorToTheSpecSms() {
    assertThat(PacketCodec.fromBytes(ENCRYPTED, NgsKey.ofKeyString(SPEC_KEY).bodyCipher()))
        .isEqualTo(specSms());
  }
}
