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
 * @param queued from {@code send()} to the moment the DELIVER (of its last attempt) was handed to
 *     the socket: the time it spent in the client's queue, behind the window and the TPS limit. So
 *     {@code latency - queued} is the gateway's share: the round trip to its DELIVER_ACK
 */
public record DeliverResult(
    String serial,
    String to,
    ResultCode resultCode,
    int attempts,
    Duration latency,
    Instant ackedAt,
    Duration queued) {
  public DeliverResult {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(ackedAt, "ackedAt");
    Objects.requireNonNull(queued, "queued");
  }
}
