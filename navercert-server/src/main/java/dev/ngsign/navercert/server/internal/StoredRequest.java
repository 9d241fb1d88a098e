package dev.ngsign.navercert.server.internal;

import java.util.List;

/**
 * A signature request as stored: decrypted fields (this is test data in the simulator's data dir),
 * its state and, once signed, the signatures and the signer's profile.
 */
public record StoredRequest(
    String receiptId,
    String kind,
    String clientCode,
    String linkId,
    int state,
    int expireIn,
    long createdAt,
    long expireAt,
    String reqTitle,
    String reqMessage,
    String callCenterNum,
    String returnUrl,
    String deviceOs,
    boolean appUse,
    String receiverName,
    String receiverHp,
    String receiverBirthday,
    List<Doc> docs,
    boolean verified,
    List<String> signed,
    String gender,
    String email,
    String foreign,
    String ci) {

  /** A copy in another state. */
  public StoredRequest withState(int newState) {
    return new StoredRequest(
        receiptId,
        kind,
        clientCode,
        linkId,
        newState,
        expireIn,
        createdAt,
        expireAt,
        reqTitle,
        reqMessage,
        callCenterNum,
        returnUrl,
        deviceOs,
        appUse,
        receiverName,
        receiverHp,
        receiverBirthday,
        docs,
        verified,
        signed,
        gender,
        email,
        foreign,
        ci);
  }

  /** One document: wire token type and the decrypted token. */
  public record Doc(String tokenType, String token) {
    @Override
    public String toString() {
      return "Doc[" + tokenType + ", " + token.length() + " chars]";
    }
  }

  @Override
  public String toString() {
    return "StoredRequest[" + receiptId + ", " + kind + ", state=" + state + "]";
  }
}
