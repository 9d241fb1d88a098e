package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;

/**
 * A header (HeadType / MsgLeng) that cannot start a valid packet. Unlike a bad body, the stream cannot be
 * resynchronised after it: the session must close.
 */
public final class FrameException extends NgsProtocolException {
  private static final long serialVersionUID = 1L;

  public FrameException(String field, String message) {
    super(field, message);
  }
}
