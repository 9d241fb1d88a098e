package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;

/**
 * A header (HeadType / MsgLeng) that cannot start a valid packet. Unlike a bad body, the stream
 * cannot be resynchronised after it: the session must close.
 */
public final class FrameException extends NgsProtocolException {
  private static final long serialVersionUID = 1L;

  public FrameException(String field, String message) {
    super(field, message);
  }

  /**
   * A header that is well formed but not acceptable here, with the code to close the session with.
   */
  public FrameException(String field, String message, ResultCode code) {
    super(field, message, code);
  }
}
