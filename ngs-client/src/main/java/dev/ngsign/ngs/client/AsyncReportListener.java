package dev.ngsign.ngs.client;

import java.util.concurrent.CompletionStage;

/**
 * Receives every REPORT of the account and acknowledges it when the returned stage completes — for
 * applications that commit reports in batches (group commit) instead of blocking one thread per
 * report.
 *
 * <p>Called one report at a time, in arrival order, on the client's report executor; it should
 * return quickly (start the work, do not wait for it). Many reports may be outstanding at once;
 * past 1,000 the client stops reading the report session until they complete (back-pressure to the
 * gateway).
 *
 * <p>The REPORT_ACK is sent when the stage <em>completes normally</em>, in completion order. If the
 * stage completes exceptionally, if this method throws or returns {@code null}, or if the client
 * was closed before the stage completed, no ACK is sent and the gateway re-sends the report (at the
 * latest after the next reconnect): commit idempotently. Complete the stage within the gateway's
 * ACK timeout (10 s). A report already acknowledged once (same SERIAL + GWSERIAL) arrives again
 * with {@link NgsReport#duplicate()} set.
 */
@FunctionalInterface
public interface AsyncReportListener {
  CompletionStage<Void> onReport(NgsReport report) throws Exception;
}
