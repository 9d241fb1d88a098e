package dev.ngsign.http;

import java.util.Map;

/**
 * One HTTP reply.
 *
 * @param status HTTP status
 * @param contentType Content-Type, or null without a body
 * @param body bytes, possibly empty
 * @param headers extra headers (e.g. Location)
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Map.of());
  }

  public static Reply redirect(String location) {
    return new Reply(303, null, new byte[0], Map.of("Location", location));
  }
}
