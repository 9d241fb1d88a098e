package dev.ngsign.ngs.client;

/**
 * Receives every REPORT of the account, one at a time and in arrival order, on the client's report
 * executor (never the I/O thread, so blocking work such as a database commit is fine).
 *
 * <p>The REPORT_ACK is sent only after this method <em>returns normally</em>. If it throws, no ACK
 * is sent: the gateway re-sends the report after the next reconnect. A report already acknowledged
 * once (same SERIAL + GWSERIAL) arrives again with {@link NgsReport#duplicate()} set; it is
 * acknowledged in the same way.
 */
@FunctionalInterface
public interface ReportListener {
  void onReport(NgsReport report) throws Exception;
}
