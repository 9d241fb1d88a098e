package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A DELIVER the gateway took (DELIVER_ACK E_OK). The delivery outcome follows later as a REPORT.
 *
 * @param serial the message's SERIAL, also in its REPORT
 * @param to the recipient number (DA_ADDR)
 * @param resultCode always {@link ResultCode#E_OK}: refusals fail the future instead
 * @param attempts how many times it was sent (more than 1 after retryable refusals)
 * @param latency from {@code send()} to the DELIVER_ACK
 * @param ackedAt when the DELIVER_ACK arrived (the client's clock)
 */
public record DeliverResult(
    String serial,
    String to,
    ResultCode resultCode,
    int attempts,
    Duration latency,
    Instant ackedAt) {
  public DeliverResult {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(ackedAt, "ackedAt");
  }
}
