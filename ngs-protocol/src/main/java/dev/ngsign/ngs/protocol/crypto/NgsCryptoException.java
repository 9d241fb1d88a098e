package dev.ngsign.ngs.protocol.crypto;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;

/**
 * Ciphertext that does not decrypt, or a key/offset outside the spec. Never carries key material.
 */
public final class NgsCryptoException extends NgsProtocolException {
  private static final long serialVersionUID = 1L;

  public NgsCryptoException(String field, String message, ResultCode code, Throwable cause) {
    super(field, message, code, cause);
  }
}
