package dev.ngsign.ngs.agent.internal.legacy.emtran;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.legacy.ImageFiles;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The NGS → DBro code table against DBro's published tran_rslt values (docs/legacy-tables.md). */
class EmTranCodesTest {
  /** Every tran_rslt value DBro's result-code page lists. */
  private static final Set<String> DBRO =
      Set.of(
          "0", "1", "A", "B", "C", "D", "2", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k",
          "m", "o", "p", "q", "x", "v", "w", "z");

  @Test
  void everyNgsAndAgentCodeMapsToACodeDbroDocuments() {
    for (ResultCode rc : ResultCode.values()) {
      for (MessageStatus s : new MessageStatus[] {MessageStatus.FAILED, MessageStatus.REJECTED}) {
        assertThat(DBRO).as("%s %s", s, rc).contains(EmTranCodes.result(s, rc.code()));
      }
    }
    for (AgentCode ac : AgentCode.values()) {
      assertThat(DBRO).as("%s", ac).contains(EmTranCodes.result(MessageStatus.FAILED, ac.code()));
    }
  }

  @Test
  void theNearestMeanings() {
    assertThat(EmTranCodes.result(MessageStatus.DONE, 0)).isEqualTo("0");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 4001)).isEqualTo("2");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 4004)).isEqualTo("k");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 4006)).isEqualTo("g");
    assertThat(EmTranCodes.result(MessageStatus.REJECTED, 2002)).isEqualTo("p");
    assertThat(EmTranCodes.result(MessageStatus.REJECTED, 2006)).isEqualTo("o");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 9006)).isEqualTo("1");
    assertThat(EmTranCodes.result(MessageStatus.EXPIRED, 9001)).isEqualTo("1");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 9005)).isEqualTo("z");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, null)).isEqualTo("z");
    assertThat(EmTranCodes.result(MessageStatus.FAILED, 12345)).isEqualTo("z");
  }

  @Test
  void networkIsDbrosCarrierNameOrNothing() {
    assertThat(EmTranCodes.network("SK")).isEqualTo("SKT");
    assertThat(EmTranCodes.network("KT")).isEqualTo("KTF");
    assertThat(EmTranCodes.network("LG")).isEqualTo("LGT");
    assertThat(EmTranCodes.network("ETC")).isNull();
    assertThat(EmTranCodes.network("KKO")).isNull();
    assertThat(EmTranCodes.network(null)).isNull();
  }

  @Test
  void imagesAreRecognisedByContentNotByName() {
    assertThat(ImageFiles.imageType(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}))
        .isEqualTo(21);
    assertThat(ImageFiles.imageType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}))
        .isEqualTo(23);
    assertThat(ImageFiles.imageType("GIF89a....".getBytes())).isZero();
    assertThat(ImageFiles.imageType(new byte[0])).isZero();
  }
}
