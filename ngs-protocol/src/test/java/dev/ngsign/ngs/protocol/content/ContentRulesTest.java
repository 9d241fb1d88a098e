package dev.ngsign.ngs.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Section 6 (and the field formats of 4.3) with the messages a user sees. */
class ContentRulesTest {
  static final byte[] JPG = jpeg(1000);
  static final byte[] PNG = png(1000);

  static Deliver.Builder base(MessageType type) {
    return Deliver.builder(type)
        .daAddr("01012345678")
        .callback("15880000")
        .serial("S-1")
        .senderCode("123456789");
  }

  static Deliver sms(String text, ContentEncoding enc) {
    return base(MessageType.SMS).encoding(enc).text(text).build();
  }

  static Deliver kakao(MessageType type, Failover failover, Media... media) {
    Deliver.Builder b =
        base(type)
            .kakao(
                new KakaoInfo(
                    "cf1060fa976a7875eafae84083649af24f6ad3db",
                    type.isAlimTalk() ? "temp_code_01" : "",
                    KakaoMethod.PUSH,
                    failover,
                    "안내"));
    for (Media m : media) {
      b.addMedia(m);
    }
    return b.build();
  }

  static Media text(MediaType t, String s) {
    return Media.text(t, ContentEncoding.MS949, s);
  }

  static Media utf8(MediaType t, String s) {
    return Media.text(t, ContentEncoding.UTF_8, s);
  }

  static List<ResultCode> codes(Deliver d) {
    return ContentRules.check(d).stream().map(ContentViolation::code).toList();
  }

  @Test
  void smsAtNinetyBytesPassesAndOneMoreByteFailsWithAdvice() {
    assertThat(ContentRules.check(sms("가".repeat(45), ContentEncoding.MS949)))
        .isEmpty(); // 90 bytes
    String over = "가".repeat(45) + "!";
    assertThatThrownBy(() -> ContentRules.validate(sms(over, ContentEncoding.MS949)))
        .isInstanceOf(ContentRuleException.class)
        .hasMessage("TEXT: SMS text is 91 bytes in MS949; the limit is 90 — send it as LMS")
        .extracting(e -> ((ContentRuleException) e).resultCode().orElseThrow())
        .isEqualTo(ResultCode.E_TEXT_TOO_LONG);
  }

  @Test
  void smsLimitCountsBytesInTheDeclaredEncoding() {
    // 30 Hangul: 60 bytes in MS949, 90 in UTF-8; 31 Hangul is 93 bytes in UTF-8
    assertThat(ContentRules.check(sms("가".repeat(30), ContentEncoding.UTF_8))).isEmpty();
    assertThat(ContentRules.check(sms("가".repeat(31), ContentEncoding.UTF_8)))
        .extracting(ContentViolation::message)
        .containsExactly("SMS text is 93 bytes in UTF_8; the limit is 90 — send it as LMS");
  }

  @Test
  void smsTextNotEncodableInMs949() {
    assertThat(ContentRules.check(sms("hi 😀", ContentEncoding.MS949)))
        .extracting(ContentViolation::code)
        .containsExactly(ResultCode.E_INVALID_ENCODING);
  }

  @Test
  void smsWithoutTextOrWithAttachments() {
    assertThat(codes(sms("", ContentEncoding.MS949))).containsExactly(ResultCode.E_TEXT_EMPTY);
    Deliver withMedia =
        base(MessageType.SMS).text("x").addMedia(text(MediaType.BODY_TEXT, "body")).build();
    assertThat(codes(withMedia)).containsExactly(ResultCode.E_MEDIA_COUNT);
  }

  @Test
  void numbersAndSenderCode() {
    Deliver d =
        Deliver.builder(MessageType.SMS)
            .daAddr("010-1234-5678")
            .callback("1588")
            .serial("S 1")
            .senderCode("12345678")
            .text("x")
            .build();
    assertThat(codes(d))
        .containsExactly(
            ResultCode.E_INVALID_DA_ADDR,
            ResultCode.E_INVALID_CALLBACK,
            ResultCode.E_INVALID_SENDER_CODE,
            ResultCode.E_INVALID_SERIAL);
    assertThat(ContentRules.check(d).get(0).message())
        .isEqualTo(
            "'010-****-**78' is not a Korean mobile number (10 or 11 digits starting 01, no hyphens)");
  }

  @Test
  void lmsSubjectAndBodyLimits() {
    Deliver ok =
        base(MessageType.LMS)
            .text("가".repeat(32))
            .addMedia(text(MediaType.BODY_TEXT, "가".repeat(1000)))
            .build();
    assertThat(ContentRules.check(ok)).isEmpty();
    Deliver over =
        base(MessageType.LMS)
            .text("가".repeat(33))
            .addMedia(text(MediaType.BODY_TEXT, "가".repeat(1000) + "a"))
            .build();
    assertThat(ContentRules.check(over))
        .extracting(ContentViolation::message)
        .containsExactly(
            "LMS subject is 66 bytes in MS949; the limit is 64",
            "LMS body is 2001 bytes in MS949; the limit is 2000");
  }

  @Test
  void lmsNeedsABodyAndCarriesNoImages() {
    assertThat(codes(base(MessageType.LMS).text("s").build()))
        .containsExactly(ResultCode.E_TEXT_EMPTY);
    Deliver img =
        base(MessageType.LMS)
            .addMedia(text(MediaType.BODY_TEXT, "b"))
            .addMedia(Media.of(MediaType.JPG, ContentEncoding.BINARY, JPG))
            .build();
    assertThat(ContentRules.check(img))
        .extracting(ContentViolation::message)
        .containsExactly("an LMS carries no images; send it as MMS");
  }

  @Test
  void mmsImagesCountSizeAndSignature() {
    Media jpg = Media.of(MediaType.JPG, ContentEncoding.BINARY, JPG);
    assertThat(
            ContentRules.check(
                base(MessageType.MMS)
                    .addMedia(text(MediaType.BODY_TEXT, "b"))
                    .addMedia(jpg)
                    .build()))
        .isEmpty();
    assertThat(codes(base(MessageType.MMS).addMedia(text(MediaType.BODY_TEXT, "b")).build()))
        .containsExactly(ResultCode.E_MEDIA_COUNT);
    Deliver four =
        base(MessageType.MMS).addMedia(jpg).addMedia(jpg).addMedia(jpg).addMedia(jpg).build();
    assertThat(codes(four)).containsExactly(ResultCode.E_MEDIA_COUNT);
    Media big = Media.of(MediaType.JPG, ContentEncoding.BINARY, jpeg(300 * 1024 + 1));
    assertThat(ContentRules.check(base(MessageType.MMS).addMedia(big).build()))
        .extracting(ContentViolation::message)
        .containsExactly("MMS image is 307,201 bytes; the limit is 300 KB");
    Media pngAsJpg = Media.of(MediaType.JPG, ContentEncoding.BINARY, PNG);
    assertThat(ContentRules.check(base(MessageType.MMS).addMedia(pngAsJpg).build()))
        .extracting(ContentViolation::message)
        .containsExactly("bytes are not a JPEG image (found PNG) although MTYPE is 21");
    Media textEncodedImage = Media.of(MediaType.PNG, ContentEncoding.MS949, PNG);
    assertThat(codes(base(MessageType.MMS).addMedia(textEncodedImage).build()))
        .containsExactly(ResultCode.E_MEDIA_TYPE);
  }

  @Test
  void alimTalkNeedsSenderKeyTemplateAndText() {
    assertThat(
            ContentRules.check(
                kakao(MessageType.ALIMTALK, Failover.NONE, text(MediaType.BODY_TEXT, "안녕하세요"))))
        .isEmpty();
    Deliver bare =
        base(MessageType.ALIMTALK)
            .kakao(new KakaoInfo("", "", KakaoMethod.PUSH, Failover.NONE, ""))
            .build();
    assertThat(codes(bare))
        .containsExactly(
            ResultCode.E_INVALID_KAKAO, ResultCode.E_INVALID_KAKAO, ResultCode.E_TEXT_EMPTY);
  }

  @Test
  void kakaoTextLimitsAreCharactersPerType() {
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.ALIMTALK,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "가".repeat(1000)))))
        .isEmpty();
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.ALIMTALK,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "가".repeat(1001)))))
        .extracting(ContentViolation::message)
        .containsExactly("ALIMTALK text is 1001 characters; the limit is 1000");
    Media img = Media.of(MediaType.JPG, ContentEncoding.BINARY, JPG);
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.FRIENDTALK_IMAGE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "a".repeat(401)),
                    img)))
        .extracting(ContentViolation::message)
        .containsExactly("FRIENDTALK_IMAGE text is 401 characters; the limit is 400");
    Media wide = Media.of(MediaType.WIDE_JPG, ContentEncoding.BINARY, JPG);
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.FRIENDTALK_WIDE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "가".repeat(76)),
                    wide)))
        .isEmpty();
    assertThat(
            codes(
                kakao(
                    MessageType.FRIENDTALK_WIDE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "가".repeat(77)),
                    wide)))
        .containsExactly(ResultCode.E_TEXT_TOO_LONG);
  }

  @Test
  void friendTalkImageSizes() {
    Media big = Media.of(MediaType.PNG, ContentEncoding.BINARY, png(500 * 1024 + 1));
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.FRIENDTALK_IMAGE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "t"),
                    big)))
        .extracting(ContentViolation::message)
        .containsExactly("FRIENDTALK_IMAGE image is 512,001 bytes; the limit is 500 KB");
    Media wideOk = Media.of(MediaType.WIDE_PNG, ContentEncoding.BINARY, png(2 * 1024 * 1024));
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.FRIENDTALK_WIDE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "t"),
                    wideOk)))
        .isEmpty();
    Media wideBig = Media.of(MediaType.WIDE_PNG, ContentEncoding.BINARY, png(2 * 1024 * 1024 + 1));
    assertThat(
            codes(
                kakao(
                    MessageType.FRIENDTALK_WIDE,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "t"),
                    wideBig)))
        .containsExactly(ResultCode.E_MEDIA_SIZE);
    assertThat(
            codes(
                kakao(MessageType.FRIENDTALK_IMAGE, Failover.NONE, utf8(MediaType.BODY_TEXT, "t"))))
        .containsExactly(ResultCode.E_MEDIA_COUNT);
    assertThat(
            codes(
                kakao(
                    MessageType.FRIENDTALK,
                    Failover.NONE,
                    utf8(MediaType.BODY_TEXT, "t"),
                    Media.of(MediaType.JPG, ContentEncoding.BINARY, JPG))))
        .containsExactly(ResultCode.E_MEDIA_TYPE);
  }

  @Test
  void failoverNeedsAFallbackTextOnlyWhenItReplaces() {
    Media body = utf8(MediaType.BODY_TEXT, "본문");
    Media fallback = text(MediaType.FALLBACK_TEXT, "대체 본문");
    assertThat(ContentRules.check(kakao(MessageType.ALIMTALK, Failover.REPLACE, body, fallback)))
        .isEmpty();
    assertThat(ContentRules.check(kakao(MessageType.ALIMTALK, Failover.REPLACE, body)))
        .extracting(ContentViolation::message)
        .containsExactly(
            "FAILOVER 2 (REPLACE) sends a separate fallback text: attach it as MTYPE 12");
    assertThat(codes(kakao(MessageType.ALIMTALK, Failover.NONE, body, fallback)))
        .containsExactly(ResultCode.E_INVALID_KAKAO);
    assertThat(ContentRules.check(kakao(MessageType.ALIMTALK, Failover.CONVERT, body))).isEmpty();
  }

  @Test
  void kakaoJsonMustBeValidUtf8JsonFollowingTheSchema() {
    Media body = utf8(MediaType.BODY_TEXT, "본문");
    String good =
        "{\"button\":[{\"name\":\"홈\",\"type\":\"WL\",\"url_mobile\":\"https://m.example.com\"}],\"extra\":1}";
    assertThat(
            ContentRules.check(
                kakao(MessageType.ALIMTALK, Failover.NONE, body, utf8(MediaType.KAKAO_JSON, good))))
        .isEmpty();
    assertThat(
            ContentRules.check(
                kakao(
                    MessageType.ALIMTALK,
                    Failover.NONE,
                    body,
                    utf8(MediaType.KAKAO_JSON, "{\"button\":["))))
        .extracting(ContentViolation::code)
        .containsExactly(ResultCode.E_INVALID_JSON);
    assertThat(
            codes(
                kakao(MessageType.ALIMTALK, Failover.NONE, body, text(MediaType.KAKAO_JSON, good))))
        .containsExactly(ResultCode.E_MEDIA_TYPE);
  }

  @Test
  void kakaoExtrasReportThePathOfTheBadField() {
    String json =
        "{\"button\":[{\"name\":\"a\",\"type\":\"WL\",\"url_mobile\":\"https://x\"},"
            + "{\"name\":\"b\",\"type\":\"XX\"},{\"name\":\"c\",\"type\":\"WL\"},"
            + "{\"name\":\"d\",\"type\":\"AL\",\"scheme_ios\":\"app://x\"}],"
            + "\"quick_reply\":[{\"type\":\"BK\"}],\"image\":{\"img_url\":\"ftp://x\"},\"title\":3}";
    assertThat(KakaoExtras.check(json))
        .extracting(ContentViolation::field)
        .containsExactly(
            "button[1].type",
            "button[2].url_mobile",
            "button[3]",
            "quick_reply[0].name",
            "title",
            "image.img_url");
    assertThat(KakaoExtras.check(json).get(1).message())
        .isEqualTo("button[2].url_mobile is required");
    String six =
        "{\"button\":["
            + "{\"name\":\"n\",\"type\":\"BK\"},".repeat(5)
            + "{\"name\":\"n\",\"type\":\"BK\"}]}";
    assertThat(KakaoExtras.check(six))
        .extracting(ContentViolation::message)
        .containsExactly("button has 6 entries; at most 5");
    assertThat(KakaoExtras.check("[1]"))
        .extracting(ContentViolation::message)
        .containsExactly("json must be a JSON object, not array");
  }

  @Test
  void internationalTypesNeedANationCode() {
    Deliver intl =
        Deliver.builder(MessageType.INTL_SMS)
            .daAddr("2025550123")
            .callback("15880000")
            .serial("S")
            .senderCode("123456789")
            .text("hello")
            .extension(new Extension.NationCode("1"))
            .build();
    assertThat(ContentRules.check(intl)).isEmpty();
    Deliver noNat =
        Deliver.builder(MessageType.INTL_SMS)
            .daAddr("2025550123")
            .callback("15880000")
            .serial("S")
            .senderCode("123456789")
            .text("hello")
            .build();
    assertThat(codes(noNat)).containsExactly(ResultCode.E_INVALID_EXTENSION);
    assertThat(
            codes(
                base(MessageType.SMS).text("x").extension(new Extension.NationCode("82")).build()))
        .containsExactly(ResultCode.E_INVALID_EXTENSION);
    assertThat(
            ContentRules.check(
                base(MessageType.SMS).text("x").extension(new Extension.DeptCode("D01")).build()))
        .isEmpty();
  }

  @Test
  void valuesLongerThanTheirFieldAreCaughtHereNotAtEncode() {
    assertThat(codes(base(MessageType.SMS).text("x").serial("S".repeat(21)).build()))
        .containsExactly(ResultCode.E_INVALID_SERIAL);
    assertThat(
            codes(
                base(MessageType.SMS)
                    .text("x")
                    .extension(new Extension.DeptCode("D".repeat(11)))
                    .build()))
        .containsExactly(ResultCode.E_INVALID_EXTENSION);
    Deliver longKey =
        base(MessageType.ALIMTALK)
            .kakao(
                new KakaoInfo("k".repeat(42), "t".repeat(32), KakaoMethod.PUSH, Failover.NONE, ""))
            .addMedia(utf8(MediaType.BODY_TEXT, "본문"))
            .build();
    assertThat(ContentRules.check(longKey))
        .extracting(ContentViolation::field)
        .containsExactly("SENDERKEY", "TEMPLATE");
    Deliver atLimit =
        base(MessageType.ALIMTALK)
            .serial("S".repeat(20))
            .kakao(
                new KakaoInfo("k".repeat(41), "t".repeat(31), KakaoMethod.PUSH, Failover.NONE, ""))
            .addMedia(utf8(MediaType.BODY_TEXT, "본문"))
            .build();
    assertThat(ContentRules.check(atLimit)).isEmpty();
    dev.ngsign.ngs.protocol.codec.PacketCodec.toBytes(atLimit); // and it encodes
  }

  @Test
  void atMostFourAttachments() {
    Media jpg = Media.of(MediaType.JPG, ContentEncoding.BINARY, JPG);
    Deliver five =
        base(MessageType.MMS)
            .addMedia(text(MediaType.BODY_TEXT, "b"))
            .addMedia(jpg)
            .addMedia(jpg)
            .addMedia(jpg)
            .addMedia(jpg)
            .build();
    assertThat(ContentRules.check(five))
        .extracting(ContentViolation::message)
        .contains("5 attachments; at most 4, body text included");
  }

  static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    return b;
  }

  static byte[] png(int size) {
    byte[] b = new byte[size];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(magic, 0, b, 0, magic.length);
    return b;
  }
}
