package dev.ngsign.ngs.gateway.internal.report;

/**
 * The result of {@link ReportStore#claimSerial}: a duplicate of an accepted message, a claim for a
 * new one (replacing an expired record, or none), or {@linkplain #isBusy busy}.
 *
 * @param duplicateOf the record of the message this DELIVER repeats, or null
 * @param previous the expired record the claim replaced, or null
 * @param key store key of the SERIAL ({@code account NUL SERIAL})
 * @param keyBytes the key in UTF-8
 * @param record the record written by the claim, null for a duplicate or a busy claim
 * @param bucket start of the SERIAL bucket the record goes to
 * @param busy the SERIAL was just accepted by another session and is not yet written: the DELIVER
 *     must be refused with a retryable code, since an E_OK for it could outrun the original's
 *     durability
 */
public record SerialClaim(
    SerialRecord duplicateOf,
    SerialRecord previous,
    String key,
    byte[] keyBytes,
    SerialRecord record,
    long bucket,
    boolean busy) {
  public boolean isDuplicate() {
    return duplicateOf != null;
  }

  public boolean isBusy() {
    return busy;
  }
}
