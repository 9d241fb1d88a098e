package dev.ngsign.ngs.protocol;

/**
 * A DELIVER whose body could not be decoded. It still carries the DA_ADDR and SERIAL read from
 * their fixed positions (empty when even those are unreadable), so that a gateway can answer with a
 * DELIVER_ACK carrying {@link #resultCode()} instead of dropping the session.
 */
public final class MalformedDeliverException extends NgsProtocolException {
  private static final long serialVersionUID = 1L;

  private final String daAddr;
  private final String serial;

  public MalformedDeliverException(NgsProtocolException cause, String daAddr, String serial) {
    super(
        cause.field(),
        cause.getMessage().substring(cause.field().length() + 2),
        cause.resultCode().orElse(ResultCode.E_MALFORMED_PACKET),
        cause);
    this.daAddr = daAddr;
    this.serial = serial;
  }

  public String daAddr() {
    return daAddr;
  }

  public String serial() {
    return serial;
  }
}
