package dev.ngsign.ngs.protocol.packet;

/**
 * REPORT TELCOINFO: the carrier that delivered the message; ETC on failure or for other carriers.
 */
public enum Telco {
  SK,
  KT,
  LG,
  KKO,
  ETC;

  /**
   * The carrier for a wire value; unknown or empty values are ETC, as the spec defines ETC for
   * "other".
   */
  public static Telco fromCode(String code) {
    return switch (code) {
      case "SK" -> SK;
      case "KT" -> KT;
      case "LG" -> LG;
      case "KKO" -> KKO;
      default -> ETC;
    };
  }
}
