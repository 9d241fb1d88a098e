package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.DeliverAck;

/**
 * The gateway answered the DELIVER with a code other than E_OK, and the retry policy gave up (or
 * the code is final). The message did not enter the gateway. Carries the whole reply.
 */
public class NgsRejectedException extends NgsException {
  private static final long serialVersionUID = 1L;

  private final transient DeliverAck ack;
  private final int attempts;

  public NgsRejectedException(DeliverAck ack, int attempts) {
    super(
        "DELIVER "
            + ack.serial()
            + " refused: "
            + ResultCode.of(ack.result())
            + " ("
            + ack.result()
            + ") "
            + ResultCode.of(ack.result()).meaning()
            + (attempts > 1 ? " after " + attempts + " attempts" : ""));
    this.ack = ack;
    this.attempts = attempts;
  }

  /** The DELIVER_ACK as received. */
  public DeliverAck ack() {
    return ack;
  }

  public ResultCode resultCode() {
    return ResultCode.of(ack.result());
  }

  /** True for codes worth retrying later (E_SYS_FAIL, E_SYS_BUSY, E_NET_FAIL, E_TPS_OVER). */
  public boolean retryable() {
    return resultCode().retryable();
  }

  /** How many times the message was sent. */
  public int attempts() {
    return attempts;
  }
}
