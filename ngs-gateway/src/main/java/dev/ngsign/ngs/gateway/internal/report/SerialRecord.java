package dev.ngsign.ngs.gateway.internal.report;

/**
 * What the gateway remembers about a SERIAL of an account, for de-duplication (issue 5: a repeated
 * SERIAL within the window is the same message).
 *
 * @param gwSerial GWSERIAL of the message the SERIAL currently stands for
 * @param firstAcceptedMillis when that message was accepted; the window runs from here
 * @param distinctMessages messages created for this SERIAL (more than 1 only after a window
 *     expired)
 * @param acceptedDelivers DELIVERs answered E_OK for this SERIAL, duplicates included
 */
public record SerialRecord(
    String gwSerial, long firstAcceptedMillis, long distinctMessages, long acceptedDelivers) {

  /** The stored form: the fields separated by '|', in ASCII. */
  byte[] encode() {
    return (gwSerial + '|' + firstAcceptedMillis + '|' + distinctMessages + '|' + acceptedDelivers)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static SerialRecord decode(String s) {
    String[] p = s.split("\\|", -1);
    return new SerialRecord(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
  }
}
