package dev.ngsign.navercert.server;

import dev.ngsign.navercert.SignState;
import java.time.Instant;
import java.util.List;

/**
 * A request as the signer sees it in the simulated Naver app. Name and phone are masked.
 *
 * @param receiptID 32 digits
 * @param clientCode 12 digits
 * @param kind MULTI, SIGN or IDENTITY
 * @param state current state (expiry applied)
 * @param reqTitle title
 * @param reqMessage message (decrypted), or null for identity
 * @param callCenterNum partner's number
 * @param maskedName e.g. 홍*동
 * @param maskedPhone e.g. 010****1234
 * @param expireAt when the request expires
 * @param documents the documents in order
 */
public record PendingRequest(
    String receiptID,
    String clientCode,
    String kind,
    SignState state,
    String reqTitle,
    String reqMessage,
    String callCenterNum,
    String maskedName,
    String maskedPhone,
    Instant expireAt,
    List<Document> documents) {

  /** One document: its type (TEXT, HASH, PDF) and the token (text or hash). */
  public record Document(String tokenType, String token) {
    @Override
    public String toString() {
      return "Document[" + tokenType + ", " + token.length() + " chars]";
    }
  }

  public PendingRequest {
    documents = List.copyOf(documents);
  }

  @Override
  public String toString() {
    return "PendingRequest["
        + receiptID
        + ", "
        + kind
        + ", "
        + state
        + ", "
        + documents.size()
        + " document(s)]";
  }
}
