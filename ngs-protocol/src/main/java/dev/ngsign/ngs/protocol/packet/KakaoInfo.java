package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/**
 * KAKAO_INFO: replaces DELIVER's 141-byte TEXT for AlimTalk/FriendTalk types (41 + 31 + 2 + 2 +
 * 65).
 *
 * @param senderKey sender profile key (41C)
 * @param templateCode AlimTalk template code (31C), empty for FriendTalk
 * @param method delivery method
 * @param failover what happens when Kakao delivery fails
 * @param title subject used when falling back to LMS/MMS (65C, in the DELIVER's ENCODING)
 */
public record KakaoInfo(
    String senderKey, String templateCode, KakaoMethod method, Failover failover, String title) {
  public KakaoInfo {
    Objects.requireNonNull(senderKey, "senderKey");
    Objects.requireNonNull(templateCode, "templateCode");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(failover, "failover");
    Objects.requireNonNull(title, "title");
  }
}
