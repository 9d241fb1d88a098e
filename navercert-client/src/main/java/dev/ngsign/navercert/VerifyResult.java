package dev.ngsign.navercert;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

/**
 * What verify returns, for every service: the person's data (decrypted by the client) and the CMS
 * SignedData — one per document for multi-sign, one for single sign and identity. The service has
 * verified nothing for you: check the signatures and compare the person with whom you asked, with
 * {@link SignerCheck}, before you rely on it. {@link #toString()} shows no personal data.
 *
 * @param receiptID 32 digits
 * @param state always {@link SignState#DONE} for a successful verify
 * @param receiverName the signer's name
 * @param receiverYear birth year, yyyy
 * @param receiverDay birth month and day, MMdd
 * @param receiverHP phone, 11 digits
 * @param receiverGender M or F
 * @param receiverEmail e-mail address, or null
 * @param receiverForeign Y (foreigner) or N
 * @param ci connecting information, or null
 * @param signedData Base64 DER CMS SignedData, in request order (wire: multiSignedData or
 *     signedData)
 */
public record VerifyResult(
    String receiptID,
    SignState state,
    String receiverName,
    String receiverYear,
    String receiverDay,
    String receiverHP,
    String receiverGender,
    String receiverEmail,
    String receiverForeign,
    String ci,
    List<String> signedData) {

  public VerifyResult {
    signedData = signedData == null ? List.of() : List.copyOf(signedData);
  }

  /** The birthday from receiverYear and receiverDay. */
  public LocalDate receiverBirthday() {
    return LocalDate.of(
        Integer.parseInt(receiverYear),
        Integer.parseInt(receiverDay.substring(0, 2)),
        Integer.parseInt(receiverDay.substring(2, 4)));
  }

  /** The DER bytes of signature {@code index} (0-based, in request order). */
  public byte[] signedDataDer(int index) {
    return Base64.getDecoder().decode(signedData.get(index));
  }

  /** True when the person is a foreigner (receiverForeign = Y). */
  public boolean foreigner() {
    return "Y".equals(receiverForeign);
  }

  @Override
  public String toString() {
    return "VerifyResult[receiptID="
        + receiptID
        + ", state="
        + state
        + ", signatures="
        + signedData.size()
        + ", receiver=<redacted>]";
  }
}
