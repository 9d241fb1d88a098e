package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Report;
import java.time.Instant;
import java.util.Objects;

/**
 * A REPORT as the client received it.
 *
 * @param report the parsed REPORT packet (result, flags, recipient, SERIAL, GWSERIAL, send time,
 *     carrier)
 * @param duplicate true when this client already acknowledged a report with the same SERIAL +
 *     GWSERIAL (the gateway re-sent it, e.g. after a reconnect); the listener should treat it
 *     idempotently
 * @param receivedAt when it was read off the socket (the client's clock)
 */
public record NgsReport(Report report, boolean duplicate, Instant receivedAt) {
  public NgsReport {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The SERIAL of the DELIVER this report is about. */
  public String serial() {
    return report.serial();
  }

  public String gwSerial() {
    return report.gwSerial();
  }

  /** The recipient number. */
  public String to() {
    return report.daAddr();
  }

  public ResultCode resultCode() {
    return ResultCode.of(report.result());
  }

  /** True when the message reached the handset (RESULT 0). */
  public boolean delivered() {
    return report.isDelivered();
  }
}
