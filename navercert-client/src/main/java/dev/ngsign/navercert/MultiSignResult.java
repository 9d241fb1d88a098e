package dev.ngsign.navercert;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

/**
 * The verified signature: the person's data (decrypted by the client) and one CMS SignedData per
 * document. Compare the person's data with what you requested before trusting the signature.
 * {@link #toString()} shows no personal data.
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
 * @param multiSignedData Base64 DER CMS SignedData, one per document, in request order
 */
public record MultiSignResult(
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
    List<String> multiSignedData) {

  public MultiSignResult {
    multiSignedData = multiSignedData == null ? List.of() : List.copyOf(multiSignedData);
  }

  /** The birthday from receiverYear and receiverDay. */
  public LocalDate receiverBirthday() {
    return LocalDate.of(
        Integer.parseInt(receiverYear),
        Integer.parseInt(receiverDay.substring(0, 2)),
        Integer.parseInt(receiverDay.substring(2, 4)));
  }

  /** The DER bytes of document {@code index}'s CMS SignedData. */
  public byte[] signedData(int index) {
    return Base64.getDecoder().decode(multiSignedData.get(index));
  }

  /** True when the person is a foreigner (receiverForeign = Y). */
  public boolean foreigner() {
    return "Y".equals(receiverForeign);
  }

  @Override
  public String toString() {
    return "MultiSignResult[receiptID="
        + receiptID
        + ", state="
        + state
        + ", documents="
        + multiSignedData.size()
        + ", receiver=<redacted>]";
  }
}
