package dev.ngsign.navercert;

import java.time.Instant;
import java.util.List;

/**
 * Progress of a request, for every service.
 *
 * @param receiptID 32 digits
 * @param clientCode 12 digits
 * @param state see {@link SignState}
 * @param expireIn seconds the request was given
 * @param callCenterName partner's display name, or null
 * @param callCenterNum as requested
 * @param reqTitle as requested (null for identity)
 * @param returnURL app-to-app return URL, or null
 * @param tokenTypes the type of each document, in order (one for single sign, none for identity)
 * @param expireDT when the request expires (wire: yyyyMMddHHmmss, Korea time)
 * @param scheme app scheme (app-to-app), or null
 * @param deviceOSType app-to-app OS, or null
 * @param appUseYN app-to-app or push
 */
public record RequestStatus(
    String receiptID,
    String clientCode,
    SignState state,
    int expireIn,
    String callCenterName,
    String callCenterNum,
    String reqTitle,
    String returnURL,
    List<TokenType> tokenTypes,
    Instant expireDT,
    String scheme,
    DeviceOSType deviceOSType,
    boolean appUseYN) {

  public RequestStatus {
    tokenTypes = tokenTypes == null ? List.of() : List.copyOf(tokenTypes);
  }
}
