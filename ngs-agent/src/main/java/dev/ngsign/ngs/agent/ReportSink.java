package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.protocol.packet.Report;
import java.util.concurrent.CompletionStage;

/** Where a session hands REPORTs. */
@FunctionalInterface
public interface ReportSink {
  /**
   * Stores a report. The stage completes once the report is committed to the database; only then
   * may the session answer REPORT_ACK. When it completes exceptionally the report must not be
   * acknowledged (the gateway sends it again after reconnect).
   */
  CompletionStage<Void> accept(Report report);
}
