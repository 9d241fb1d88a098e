package dev.ngsign.ngs.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** Failure reasons always fit their field, cut between characters. */
class ReasonsTest {
  static final Charset MS949 = Charset.forName("x-windows-949");

  @Test
  void longKoreanReasonsAreCutBetweenCharactersAndEncode() {
    String reason = "계정이 잠겼습니다 관리자에게 문의하세요 ".repeat(5);
    CertAck cert = CertAck.failure(ResultCode.E_ACCOUNT_LOCKED, reason);
    BindAck bind = BindAck.failure(ResultCode.E_INVALID_KIND, reason);
    Event event = Event.disconnect(reason);
    assertThat(cert.serverIp().getBytes(MS949).length).isLessThanOrEqualTo(39);
    assertThat(event.data().getBytes(MS949).length).isLessThanOrEqualTo(87);
    assertThat(reason).startsWith(cert.serverIp()).startsWith(event.data());
    for (NgsPacket p : new NgsPacket[] {cert, bind, event}) {
      assertThat(PacketCodec.fromBytes(PacketCodec.toBytes(p))).isEqualTo(p);
    }
  }

  @Test
  void shortReasonsAreKeptAndUnencodableCharactersReplaced() {
    assertThat(Event.disconnect("idle 90 s").data()).isEqualTo("idle 90 s");
    assertThat(Event.disconnect("bye 😀").data()).isEqualTo("bye ?");
  }
}
