package dev.ngsign.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * One complete HTTP request as the routes see it.
 *
 * @param method upper-case method
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string without '?', or null
 * @param headers case-insensitive headers
 * @param body the whole body (at most the configured limit)
 */
public record Request(
    String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body) {
  /** The first value of a header, or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
