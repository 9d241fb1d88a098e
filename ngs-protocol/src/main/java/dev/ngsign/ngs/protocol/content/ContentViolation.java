package dev.ngsign.ngs.protocol.content;

import dev.ngsign.ngs.protocol.ResultCode;

/**
 * One broken content rule.
 *
 * @param code the DELIVER_ACK code a gateway answers with
 * @param field the field at fault, e.g. {@code TEXT}, {@code MEDIA[2]}, {@code
 *     button[1].url_mobile}
 * @param message what is wrong and what to do, in words a user understands
 */
public record ContentViolation(ResultCode code, String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
