package dev.ngsign.ngs.gateway;

import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;

/** Valid DELIVERs to start from. */
final class Messages {
  private Messages() {}

  static Deliver sms(String serial, String da) {
    return Deliver.builder(MessageType.SMS)
        .daAddr(da)
        .callback("15880000")
        .text("SMS 테스트 발송 입니다.")
        .serial(serial)
        .senderCode("101280092")
        .build();
  }

  static Deliver sms(String serial) {
    return sms(serial, "01020001234");
  }

  static Deliver lms(String serial, String body) {
    return Deliver.builder(MessageType.LMS)
        .daAddr("01020001234")
        .callback("15880000")
        .text("제목")
        .serial(serial)
        .senderCode("101280092")
        .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, body))
        .build();
  }

  static Deliver alimtalk(
      String serial, String da, Failover failover, String body, String fallback) {
    Deliver.Builder b =
        Deliver.builder(MessageType.ALIMTALK)
            .daAddr(da)
            .callback("15880000")
            .kakao(
                new KakaoInfo(
                    "cf1060fa976a7875eafae84083649af24f6ad3db",
                    "temp_code_01",
                    KakaoMethod.PUSH,
                    failover,
                    "Replace Title"))
            .serial(serial)
            .senderCode("123456789")
            .addMedia(Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, body));
    if (fallback != null) {
      b.addMedia(Media.text(MediaType.FALLBACK_TEXT, ContentEncoding.MS949, fallback));
    }
    return b.build();
  }
}
