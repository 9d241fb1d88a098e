package dev.ngsign.ngs.gateway.internal.report;

/**
 * The result of {@link ReportStore#claimSerial}: either a duplicate of an accepted message, or a claim for a
 * new one (replacing an expired record, or none).
 *
 * @param duplicateOf the record of the message this DELIVER repeats, or null
 * @param previous the expired record the claim replaced, or null
 * @param key store key of the SERIAL
 * @param value the record written by the claim, null for a duplicate
 */
public record SerialClaim(SerialRecord duplicateOf, SerialRecord previous, String key, String value) {
  public boolean isDuplicate() {
    return duplicateOf != null;
  }
}
