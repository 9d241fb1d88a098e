package dev.ngsign.ngs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageBuildersTest {
  private static final String TO = "01020001234";
  private static final String FROM = "15880000";

  @Test
  void smsPicksMs949AndGeneratesASerial() {
    Sms a = Sms.builder().to(TO).from(FROM).text("SMS 테스트 발송 입니다.").build();
    Sms b = Sms.builder().to(TO).from(FROM).text("x").build();
    assertThat(a.deliver().encoding()).isEqualTo(ContentEncoding.MS949);
    assertThat(a.serial()).isNotEqualTo(b.serial()).hasSizeLessThanOrEqualTo(20);
    assertThat(a.deliver().senderCode()).isEmpty(); // filled in by the client
    assertThat(a.type()).isEqualTo(MessageType.SMS);
  }

  @Test
  void emojiSwitchesToUtf8AndItsByteLimit() {
    Sms s = Sms.builder().to(TO).from(FROM).text("hi 😀").build();
    assertThat(s.deliver().encoding()).isEqualTo(ContentEncoding.UTF_8);
    assertThatThrownBy(
            () ->
                Sms.builder()
                    .to(TO)
                    .from(FROM)
                    .text("😀 hi")
                    .encoding(ContentEncoding.MS949)
                    .build())
        .isInstanceOf(NgsInvalidMessageException.class)
        .hasMessageContaining("U+1F600");
  }

  @Test
  void smsOverNinetyBytesSaysToSendLms() {
    assertThatThrownBy(() -> Sms.builder().to(TO).from(FROM).text("가".repeat(46)).build())
        .isInstanceOf(NgsInvalidMessageException.class)
        .hasMessageContaining("TEXT: SMS text is 92 bytes")
        .hasMessageContaining("send it as LMS")
        .satisfies(e -> assertThat(((NgsInvalidMessageException) e).violations()).isNotEmpty());
  }

  @Test
  void missingOrMalformedNumbersAreNamed() {
    assertThatThrownBy(() -> Sms.builder().from(FROM).text("x").build())
        .hasMessageContaining("to(number)");
    assertThatThrownBy(() -> Sms.builder().to(TO).text("x").build())
        .hasMessageContaining("from(number)");
    assertThatThrownBy(() -> Sms.builder().to("010-2000-1234").from(FROM).text("x").build())
        .hasMessageContaining("DA_ADDR");
    assertThatThrownBy(
            () -> Sms.builder().to(TO).from(FROM).text("x").serial("x".repeat(21)).build())
        .hasMessageContaining("SERIAL");
    assertThatThrownBy(() -> Sms.builder().to(TO).from(FROM).text("x").senderCode("12").build())
        .hasMessageContaining("SENDER_CODE");
  }

  @Test
  void lmsCarriesSubjectAndBody() {
    Lms l = Lms.builder().to(TO).from(FROM).subject("제목").text("본문").department("D01").build();
    Deliver d = l.deliver();
    assertThat(d.text()).isEqualTo("제목");
    assertThat(d.firstMedia(MediaType.BODY_TEXT).orElseThrow().text()).isEqualTo("본문");
    assertThat(d.extSize()).isEqualTo(10);
    assertThatThrownBy(() -> Lms.builder().to(TO).from(FROM).build())
        .hasMessageContaining("needs a body");
  }

  @Test
  void mmsDetectsImagesFromTheirBytes(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("photo.jpg"); // the name lies: the bytes decide
    Files.write(png, Images.png(100));
    Mms m = Mms.builder().to(TO).from(FROM).subject("s").image(Images.jpeg(100)).image(png).build();
    assertThat(m.deliver().media())
        .extracting(x -> x.mediaType())
        .containsExactly(MediaType.JPG, MediaType.PNG);
    assertThatThrownBy(() -> Mms.builder().to(TO).from(FROM).image(Images.gif()))
        .isInstanceOf(NgsInvalidMessageException.class)
        .hasMessageContaining("not a JPG or PNG")
        .hasMessageContaining("47 49 46 38");
    assertThatThrownBy(() -> Mms.builder().to(TO).from(FROM).subject("s").build())
        .hasMessageContaining("needs 1 to 3 images");
    assertThatThrownBy(() -> Mms.builder().to(TO).from(FROM).image(dir.resolve("missing.png")))
        .hasMessageContaining("cannot read image file");
    assertThatThrownBy(() -> Mms.builder().to(TO).from(FROM).image(Images.jpeg(301 * 1024)).build())
        .hasMessageContaining("the limit is 300 KB");
  }

  @Test
  void alimTalkWithButtonsAndFallback() {
    AlimTalk a =
        AlimTalk.builder()
            .to(TO)
            .from(FROM)
            .senderKey("key")
            .template("tpl")
            .text("본문")
            .button(KakaoButton.webLink("열기 \"A\"", "https://m.example.com", "https://example.com"))
            .button(KakaoButton.botKeyword("상담"))
            .fallbackText("대체")
            .fallbackTitle("제목")
            .build();
    Deliver d = a.deliver();
    assertThat(d.messageType()).isEqualTo(MessageType.ALIMTALK);
    assertThat(d.kakao().failover()).isEqualTo(Failover.REPLACE);
    assertThat(d.kakao().templateCode()).isEqualTo("tpl");
    String json =
        new String(
            d.firstMedia(MediaType.KAKAO_JSON).orElseThrow().toByteArray(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"button\":[{\"name\":\"열기 \\\"A\\\"\",\"type\":\"WL\",\"url_mobile\":\"https://m.example.com\","
                + "\"url_pc\":\"https://example.com\"},{\"name\":\"상담\",\"type\":\"BK\"}]}");
    assertThat(d.firstMedia(MediaType.FALLBACK_TEXT).orElseThrow().text()).isEqualTo("대체");
    assertThatThrownBy(() -> AlimTalk.builder().to(TO).from(FROM).senderKey("k").text("t").build())
        .hasMessageContaining("TEMPLATE");
    assertThatThrownBy(() -> AlimTalk.builder().to(TO).from(FROM).template("t").text("t").build())
        .hasMessageContaining("SENDERKEY");
    assertThatThrownBy(
            () ->
                AlimTalk.builder()
                    .to(TO)
                    .from(FROM)
                    .senderKey("k")
                    .template("t")
                    .text("t")
                    .failover(Failover.REPLACE)
                    .build())
        .hasMessageContaining("attach it as MTYPE 12");
    assertThatThrownBy(
            () ->
                AlimTalk.builder()
                    .to(TO)
                    .from(FROM)
                    .senderKey("k")
                    .template("t")
                    .text("t")
                    .extrasJson("{\"button\":[{\"name\":\"x\",\"type\":\"WL\"}]}")
                    .build())
        .hasMessageContaining("button[0].url_mobile");
  }

  @Test
  void fixedFieldsTooLongForTheWireAreRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                AlimTalk.builder()
                    .to(TO)
                    .from(FROM)
                    .senderKey("k".repeat(42))
                    .template("t")
                    .text("x")
                    .build())
        .isInstanceOf(NgsInvalidMessageException.class)
        .hasMessageContaining("SENDERKEY: 42 characters");
    assertThatThrownBy(
            () ->
                AlimTalk.builder()
                    .to(TO)
                    .from(FROM)
                    .senderKey("k")
                    .template("t".repeat(32))
                    .text("x")
                    .build())
        .hasMessageContaining("TEMPLATE");
    assertThatThrownBy(
            () -> Sms.builder().to(TO).from(FROM).text("x").department("D".repeat(11)).build())
        .hasMessageContaining("DPT_CODE");
    assertThat(
            AlimTalk.builder()
                .to(TO)
                .from(FROM)
                .senderKey("k".repeat(41))
                .template("t".repeat(31))
                .text("x")
                .build())
        .isNotNull();
  }

  @Test
  void friendTalkTypeFollowsTheImage() {
    var b = FriendTalk.builder().to(TO).from(FROM).senderKey("k").text("친구톡");
    assertThat(b.build().type()).isEqualTo(MessageType.FRIENDTALK);
    assertThat(b.image(Images.jpeg(100)).build().type()).isEqualTo(MessageType.FRIENDTALK_IMAGE);
    FriendTalk w = b.wideImage(Images.png(100)).build();
    assertThat(w.type()).isEqualTo(MessageType.FRIENDTALK_WIDE);
    assertThat(w.deliver().media()).extracting(x -> x.mediaType()).contains(MediaType.WIDE_PNG);
    assertThatThrownBy(
            () ->
                FriendTalk.builder()
                    .to(TO)
                    .from(FROM)
                    .senderKey("k")
                    .text("x".repeat(77))
                    .wideImage(Images.png(10))
                    .build())
        .hasMessageContaining("the limit is 76");
  }

  @Test
  void aHandBuiltDeliverKeepsItsSerial() {
    Deliver d =
        Deliver.builder(MessageType.SMS)
            .daAddr(TO)
            .callback(FROM)
            .text("again")
            .serial("ORDER-42-1")
            .senderCode("101280092")
            .build();
    NgsMessage m = NgsMessage.of(d);
    assertThat(m.serial()).isEqualTo("ORDER-42-1");
    assertThat(m.deliver()).isSameAs(d);
    assertThatThrownBy(
            () ->
                NgsMessage.of(
                    Deliver.builder(MessageType.SMS).daAddr(TO).callback(FROM).serial("s").build()))
        .isInstanceOf(NgsInvalidMessageException.class)
        .hasMessageContaining("SMS text is empty");
  }

  @Test
  void builderRefusesBadSettingsAndNeverShowsThePassword() {
    assertThatThrownBy(() -> NgsClient.builder().account("x".repeat(21), "pw"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NgsClient.builder().senderCode("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NgsClient.builder().keyPos(65))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NgsClient.builder().account("id", "pw").build())
        .hasMessageContaining("certServer");
    NgsClient c =
        NgsClient.builder().certServer("127.0.0.1", 1).account("someid", "Sup3r-Secret").build();
    try {
      assertThat(c.toString()).contains("someid").doesNotContain("Sup3r-Secret");
      assertThat(c.state()).isEqualTo(ConnectionState.NEW);
    } finally {
      c.close();
    }
  }
}
