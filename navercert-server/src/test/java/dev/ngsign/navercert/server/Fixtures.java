package dev.ngsign.navercert.server;

import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.navercert.Token;
import java.time.Clock;
import java.util.List;

/** Shared test data: a partner account and a typical request. */
final class Fixtures {
  static final String LINK_ID = "NGSIGN_IT";
  static final String SECRET = "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=";
  static final String CLIENT_CODE = "023090000021";
  static final String OTHER_LINK_ID = "OTHER_IT";
  static final String OTHER_SECRET = "q2H4u5M8a7y0Zk1Wc3Vb6Nd9Pf2Rg5Th8Jk1Lm4Np7Q=";
  static final String OTHER_CLIENT_CODE = "023090000099";

  private Fixtures() {}

  static Account account() {
    return new Account(LINK_ID, SECRET, List.of(CLIENT_CODE));
  }

  static Account otherAccount() {
    return new Account(OTHER_LINK_ID, OTHER_SECRET, List.of(OTHER_CLIENT_CODE));
  }

  static NavercertServer.Builder server(Clock clock) {
    return NavercertServer.builder()
        .account(account())
        .account(otherAccount())
        .clock(clock)
        .threads(8);
  }

  static NavercertClient client(NavercertServer server, Clock clock) {
    return NavercertClient.builder()
        .linkId(LINK_ID)
        .secretKey(SECRET)
        .serviceUrl(server.baseUrl())
        .authUrl(server.baseUrl())
        .clock(clock)
        .build();
  }

  static MultiSign request(int documents) {
    MultiSign.Builder b =
        MultiSign.builder()
            .receiverHP("01012341234")
            .receiverName("홍길동")
            .receiverBirthday("19700101")
            .reqTitle("전자서명(복수) 요청")
            .reqMessage("계약서 3건에 서명해 주세요")
            .callCenterNum("1600-9854")
            .expireIn(300);
    for (int i = 1; i <= documents; i++) {
      b.addToken(Token.text("계약서 " + i + ": 본인은 약관에 동의합니다."));
    }
    return b.build();
  }
}
