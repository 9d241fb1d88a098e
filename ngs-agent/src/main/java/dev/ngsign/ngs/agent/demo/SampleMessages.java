package dev.ngsign.ngs.agent.demo;

import dev.ngsign.ngs.agent.SendTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo data, not API: one valid row of every message type (the demo inserts them; docs/agent.md
 * shows them as SQL). Recipient numbers ending in {@code 9999} make the test gateways fail Kakao
 * delivery, so the Kakao samples to such a number show the fallback to SMS or a failure.
 */
public final class SampleMessages {
  private SampleMessages() {}

  /** A sample: a label, its columns and images. */
  public record Sample(String label, Map<String, Object> columns, List<SendTable.Image> images) {}

  /** The smallest JPEG header the content rules accept (SOF0, 800 x 600). */
  public static final byte[] JPEG = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xC0,
    0x00,
    0x11,
    0x08,
    0x02,
    0x58,
    0x03,
    0x20,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
    (byte) 0xFF,
    (byte) 0xD9
  };

  public static final String SENDER_KEY = "cf1060fa976a7875eafae84083649af24f6ad3db";
  public static final String SENDER_CODE = "101280092";

  private static Map<String, Object> base(String type, String to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MSG_TYPE", type);
    m.put("DEST_ADDR", to);
    m.put("CALLBACK", "15880000");
    m.put("SENDER_CODE", SENDER_CODE);
    return m;
  }

  public static Sample sms(String to, String text) {
    Map<String, Object> m = base("S", to);
    m.put("MSG_TEXT", text);
    return new Sample("SMS", m, List.of());
  }

  public static Sample lms(String to) {
    Map<String, Object> m = base("L", to);
    m.put("SUBJECT", "LMS 제목");
    m.put("MSG_TEXT", "LMS 본문입니다. 긴 문자는 2000바이트까지 보낼 수 있습니다.");
    return new Sample("LMS", m, List.of());
  }

  public static Sample mms(String to) {
    Map<String, Object> m = base("M", to);
    m.put("SUBJECT", "MMS 제목");
    m.put("MSG_TEXT", "MMS 본문입니다.");
    return new Sample("MMS", m, List.of(new SendTable.Image(21, "photo.jpg", JPEG)));
  }

  /** AlimTalk; FAILOVER 1 converts it to SMS/LMS when Kakao delivery fails. */
  public static Sample alimTalk(String to) {
    Map<String, Object> m = base("A", to);
    m.put("KKO_SENDER_KEY", SENDER_KEY);
    m.put("KKO_TEMPLATE", "order_done_01");
    m.put("KKO_FAILOVER", 1);
    m.put("FALLBACK_TITLE", "주문 완료");
    m.put("MSG_TEXT", "[ngsign] 주문이 완료되었습니다. 주문번호 20261124-001");
    m.put(
        "EXTRAS_JSON",
        "{\"button\":[{\"name\":\"주문 조회\",\"type\":\"WL\",\"url_mobile\":\"https://example.com/o/1\"}]}");
    return new Sample("AlimTalk", m, List.of());
  }

  public static Sample alimTalkImage(String to) {
    Map<String, Object> m = base("a", to);
    m.put("KKO_SENDER_KEY", SENDER_KEY);
    m.put("KKO_TEMPLATE", "order_img_01");
    m.put("MSG_TEXT", "[ngsign] 이미지 알림톡입니다.");
    return new Sample("AlimTalk image", m, List.of(new SendTable.Image(21, "banner.jpg", JPEG)));
  }

  /** FriendTalk; FAILOVER 2 sends FALLBACK_TEXT instead when Kakao delivery fails. */
  public static Sample friendTalk(String to) {
    Map<String, Object> m = base("F", to);
    m.put("KKO_SENDER_KEY", SENDER_KEY);
    m.put("KKO_FAILOVER", 2);
    m.put("FALLBACK_TEXT", "친구톡 대신 보내는 문자입니다.");
    m.put("MSG_TEXT", "친구톡 본문입니다.");
    return new Sample("FriendTalk", m, List.of());
  }

  public static Sample friendTalkImage(String to) {
    Map<String, Object> m = base("f", to);
    m.put("KKO_SENDER_KEY", SENDER_KEY);
    m.put("MSG_TEXT", "친구톡 이미지입니다.");
    return new Sample("FriendTalk image", m, List.of(new SendTable.Image(21, "img.jpg", JPEG)));
  }

  public static Sample friendTalkWide(String to) {
    Map<String, Object> m = base("W", to);
    m.put("KKO_SENDER_KEY", SENDER_KEY);
    m.put("MSG_TEXT", "와이드 이미지");
    return new Sample("FriendTalk wide", m, List.of(new SendTable.Image(22, "wide.jpg", JPEG)));
  }

  /** International SMS to the USA (NAT_CODE 1). */
  public static Sample intlSms(String to) {
    Map<String, Object> m = base("s", to);
    m.put("NAT_CODE", "1");
    m.put("MSG_TEXT", "International SMS");
    return new Sample("Intl SMS", m, List.of());
  }

  public static Sample intlLms(String to) {
    Map<String, Object> m = base("l", to);
    m.put("NAT_CODE", "1");
    m.put("SUBJECT", "Intl LMS");
    m.put("MSG_TEXT", "International LMS body");
    return new Sample("Intl LMS", m, List.of());
  }

  public static Sample intlMms(String to) {
    Map<String, Object> m = base("m", to);
    m.put("NAT_CODE", "1");
    m.put("SUBJECT", "Intl MMS");
    m.put("MSG_TEXT", "International MMS body");
    return new Sample("Intl MMS", m, List.of(new SendTable.Image(21, "p.jpg", JPEG)));
  }

  /** One sample of each of the eleven message types. */
  public static List<Sample> everyType() {
    return List.of(
        sms("01020001001", "SMS 테스트 발송입니다."),
        lms("01020001002"),
        mms("01020001003"),
        alimTalk("01020001004"),
        alimTalkImage("01020001005"),
        friendTalk("01020001006"),
        friendTalkImage("01020001007"),
        friendTalkWide("01020001008"),
        intlSms("2025550109"),
        intlLms("2025550110"),
        intlMms("2025550111"));
  }
}
