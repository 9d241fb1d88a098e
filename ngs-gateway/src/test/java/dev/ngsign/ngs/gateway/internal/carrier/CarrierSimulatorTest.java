package dev.ngsign.ngs.gateway.internal.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.Telco;
import org.junit.jupiter.api.Test;

class CarrierSimulatorTest {
  private static Deliver sms(String da) {
    return Deliver.builder(MessageType.SMS)
        .daAddr(da)
        .callback("15880000")
        .text("x")
        .serial("S")
        .senderCode("101280092")
        .build();
  }

  private static Deliver friendTalkImage(Failover f, boolean image) {
    Deliver.Builder b =
        Deliver.builder(MessageType.FRIENDTALK_IMAGE)
            .daAddr("01000072103")
            .callback("15880000")
            .kakao(new KakaoInfo("key", "", KakaoMethod.PUSH, f, "t"))
            .serial("F")
            .senderCode("123456789")
            .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.UTF_8, "본문"));
    if (image) {
      b.addMedia(
          Media.of(
              MediaType.JPG,
              ContentEncoding.BINARY,
              new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
    }
    if (f == Failover.REPLACE || f == Failover.REPLACE_MMS) {
      b.addMedia(Media.text(MediaType.FALLBACK_TEXT, ContentEncoding.UTF_8, "대체"));
    }
    return b.build();
  }

  @Test
  void telcoFollowsTheLastDigit() {
    assertThat(CarrierSimulator.telcoOf("01012345673")).isEqualTo(Telco.SK);
    assertThat(CarrierSimulator.telcoOf("01012345674")).isEqualTo(Telco.KT);
    assertThat(CarrierSimulator.telcoOf("01012345676")).isEqualTo(Telco.KT);
    assertThat(CarrierSimulator.telcoOf("01012345677")).isEqualTo(Telco.LG);
  }

  @Test
  void imageFallbacksBecomeMms() {
    assertThat(
            CarrierSimulator.fallbackType(
                friendTalkImage(Failover.CONVERT, true), Failover.CONVERT))
        .isEqualTo(MessageType.MMS);
    assertThat(
            CarrierSimulator.fallbackType(
                friendTalkImage(Failover.REPLACE_MMS, true), Failover.REPLACE_MMS))
        .isEqualTo(MessageType.MMS);
    assertThat(
            CarrierSimulator.fallbackType(
                friendTalkImage(Failover.REPLACE, true), Failover.REPLACE))
        .isEqualTo(MessageType.SMS); // images ignored by plain replacement
    assertThat(CarrierSimulator.fallbackType(friendTalkImage(Failover.NONE, true), Failover.NONE))
        .isNull();
  }

  @Test
  void randomFailuresFollowTheRateAndSpareTestNumbers() {
    CarrierSimulator all = new CarrierSimulator(1.0, 1);
    assertThat(all.outcome(sms("01055556666")).result()).isEqualTo(ResultCode.E_CARRIER_FAIL);
    assertThat(all.outcome(sms("01000000011")).result()).isEqualTo(ResultCode.E_OK);
    CarrierSimulator some = new CarrierSimulator(0.25, 7);
    int failed = 0;
    for (int i = 0; i < 4000; i++) {
      failed += some.outcome(sms("01055556666")).result() == ResultCode.E_OK ? 0 : 1;
    }
    assertThat(failed).isBetween(800, 1200);
  }
}
