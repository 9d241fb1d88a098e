package dev.ngsign.ngs.agent.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ngsign.ngs.agent.SendTable;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.store.Attachment;
import dev.ngsign.ngs.agent.internal.store.MessageRow;
import dev.ngsign.ngs.protocol.content.ContentRules;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMapperTest {
  static MessageRow row(Map<String, Object> c) {
    return new MessageRow(
        1,
        (String) c.get("MSG_TYPE"),
        (String) c.get("DEST_ADDR"),
        (String) c.get("CALLBACK"),
        (String) c.get("SUBJECT"),
        (String) c.get("MSG_TEXT"),
        c.get("ENCODING") == null ? 0 : (Integer) c.get("ENCODING"),
        (String) c.get("SENDER_CODE"),
        (String) c.get("KKO_SENDER_KEY"),
        (String) c.get("KKO_TEMPLATE"),
        (String) c.get("KKO_METHOD"),
        (Integer) c.get("KKO_FAILOVER"),
        (String) c.get("FALLBACK_TITLE"),
        (String) c.get("FALLBACK_TEXT"),
        (String) c.get("EXTRAS_JSON"),
        (String) c.get("DEPT_CODE"),
        (String) c.get("NAT_CODE"),
        false,
        null,
        null,
        null,
        0,
        null,
        null);
  }

  static List<Attachment> attachments(SampleMessages.Sample s) {
    List<Attachment> out = new ArrayList<>();
    int seq = 1;
    for (SendTable.Image i : s.images()) {
      out.add(new Attachment(1, seq++, i.mtype(), i.data()));
    }
    return out;
  }

  @Test
  void everySampleBecomesADeliverThatPassesTheContentRules() throws Exception {
    for (SampleMessages.Sample s : SampleMessages.everyType()) {
      Deliver d =
          RowMapper.toDeliver(row(s.columns()), "S1", SampleMessages.SENDER_CODE, attachments(s));
      assertThat(ContentRules.check(d)).as(s.label()).isEmpty();
      assertThat(d.serial()).isEqualTo("S1");
    }
  }

  @Test
  void columnsLandInTheirFields() throws Exception {
    Deliver lms =
        RowMapper.toDeliver(
            row(SampleMessages.lms("010-2000-1002").columns()), "S", "101280092", List.of());
    assertThat(lms.daAddr()).isEqualTo("01020001002");
    assertThat(lms.text()).isEqualTo("LMS 제목");
    assertThat(lms.media())
        .singleElement()
        .satisfies(m -> assertThat(m.mediaType()).isEqualTo(MediaType.BODY_TEXT));
    SampleMessages.Sample ft = SampleMessages.friendTalk("01020001006");
    Deliver f = RowMapper.toDeliver(row(ft.columns()), "S", "101280092", List.of());
    assertThat(f.messageType()).isEqualTo(MessageType.FRIENDTALK);
    assertThat(f.kakao().failover()).isEqualTo(Failover.REPLACE);
    assertThat(f.firstMedia(MediaType.FALLBACK_TEXT)).isPresent();
    Deliver at =
        RowMapper.toDeliver(
            row(SampleMessages.alimTalk("01020001004").columns()), "S", "101280092", List.of());
    assertThat(at.firstMedia(MediaType.KAKAO_JSON)).isPresent();
    assertThat(at.kakao().title()).isEqualTo("주문 완료");
    Deliver intl =
        RowMapper.toDeliver(
            row(SampleMessages.intlSms("2025550109").columns()), "S", "101280092", List.of());
    assertThat(intl.extension()).isEqualTo(new Extension.NationCode("1"));
    Map<String, Object> dept =
        new java.util.HashMap<>(SampleMessages.sms("01020001001", "x").columns());
    dept.put("DEPT_CODE", "SALES");
    assertThat(RowMapper.toDeliver(row(dept), "S", "101280092", List.of()).extension())
        .isEqualTo(new Extension.DeptCode("SALES"));
  }

  @Test
  void badRowsAreRefusedWithACode() {
    Map<String, Object> c =
        new java.util.HashMap<>(SampleMessages.sms("01020001001", "x").columns());
    c.put("MSG_TYPE", "X");
    assertThatThrownBy(() -> RowMapper.toDeliver(row(c), "S", "1", List.of()))
        .isInstanceOf(RowMapper.BadRow.class)
        .satisfies(e -> assertThat(((RowMapper.BadRow) e).code()).isEqualTo(2001));
    c.put("MSG_TYPE", "S");
    c.put("ENCODING", 5);
    assertThatThrownBy(() -> RowMapper.toDeliver(row(c), "S", "1", List.of()))
        .isInstanceOf(RowMapper.BadRow.class)
        .satisfies(e -> assertThat(((RowMapper.BadRow) e).code()).isEqualTo(2005));
    Map<String, Object> lms = new java.util.HashMap<>(SampleMessages.lms("01020001002").columns());
    lms.put("MSG_TEXT", "emoji 😀 not in MS949");
    assertThatThrownBy(() -> RowMapper.toDeliver(row(lms), "S", "1", List.of()))
        .isInstanceOf(RowMapper.BadRow.class)
        .hasMessageContaining("MS949");
  }
}
