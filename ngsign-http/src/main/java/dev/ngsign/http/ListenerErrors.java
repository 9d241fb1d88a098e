package dev.ngsign.http;

/**
 * How the listener itself words the errors it answers before a route runs: a malformed request
 * (400), a connection over the limit or no free worker (503). A service with an error body of its
 * own (the navercert simulator answers Barocert's JSON) supplies one; {@link #PLAIN} answers a
 * short JSON object {@code {"error": "..."}}.
 */
@FunctionalInterface
public interface ListenerErrors {
  /**
   * The reply for a listener-made error.
   *
   * @param status 400 or 503
   * @param message a short English sentence, free of request data
   */
  Reply reply(int status, String message);

  /** {@code {"error": "<message>"}} with the status. */
  ListenerErrors PLAIN =
      (status, message) ->
          Reply.of(
              status,
              "application/json; charset=utf-8",
              ("{\"error\":\"" + message.replace("\"", "'") + "\"}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
