package dev.ngsign.navercert.internal;

import java.util.List;

/**
 * Wire DTOs, field names exactly as Barocert's SDKs send and parse them (checked against
 * barocert-sdk 1.5.0). Shared by the SDK and the simulator. Encrypted fields hold Base64
 * ciphertext.
 */
public final class Wire {
  private Wire() {}

  /** POST /BAROCERT/Token body. access_id is null (omitted) for partners. */
  public record TokenRequest(String access_id, List<String> scope) {}

  /** POST /BAROCERT/Token reply; expiration is yyyy-MM-dd'T'HH:mm:ss.SSS'Z' (UTC). */
  public record SessionToken(
      String session_token,
      String serviceID,
      String linkID,
      String usercode,
      String ipaddress,
      String expiration,
      List<String> scope) {
    @Override
    public String toString() {
      return "SessionToken[linkID="
          + linkID
          + ", expiration="
          + expiration
          + ", session_token=<redacted>]";
    }
  }

  /** Any error reply, auth or service. */
  public record Error(long code, String message) {}

  public record Token(String token, String tokenType) {}

  /** POST /NAVER/MultiSign/{clientCode}. */
  public record MultiSignRequest(
      String receiverHP,
      String receiverName,
      String receiverBirthday,
      String reqTitle,
      String reqMessage,
      String callCenterNum,
      Integer expireIn,
      String returnURL,
      String deviceOSType,
      Boolean appUseYN,
      List<Token> tokens) {}

  /** POST /NAVER/Sign/{clientCode}. */
  public record SignRequest(
      String receiverHP,
      String receiverName,
      String receiverBirthday,
      String reqTitle,
      String reqMessage,
      String callCenterNum,
      Integer expireIn,
      String token,
      String tokenType,
      String returnURL,
      String deviceOSType,
      Boolean appUseYN) {}

  /** POST /NAVER/Identity/{clientCode}. */
  public record IdentityRequest(
      String receiverHP,
      String receiverName,
      String receiverBirthday,
      String callCenterNum,
      Integer expireIn,
      String returnURL,
      String deviceOSType,
      Boolean appUseYN) {}

  public record Receipt(String receiptID, String scheme, String marketUrl) {}

  /**
   * Status reply of every service; MultiSign fills tokenTypes, Sign fills tokenType, Identity
   * neither. expireDT is yyyyMMddHHmmss, Korea time.
   */
  public record Status(
      String receiptID,
      String clientCode,
      Integer state,
      Integer expireIn,
      String callCenterName,
      String callCenterNum,
      String reqTitle,
      String returnURL,
      List<String> tokenTypes,
      String tokenType,
      String expireDT,
      String scheme,
      String deviceOSType,
      Boolean appUseYN) {}

  /**
   * Verify reply; MultiSign fills multiSignedData, Sign and Identity fill signedData. Personal
   * fields are encrypted under the SecretKey in the mode of the verify call.
   */
  public record Result(
      String receiptID,
      Integer state,
      List<String> multiSignedData,
      String signedData,
      String ci,
      String receiverName,
      String receiverYear,
      String receiverDay,
      String receiverHP,
      String receiverGender,
      String receiverEmail,
      String receiverForeign) {}
}
