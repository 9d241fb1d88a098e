package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.ngs.gateway.SessionInfo;
import java.time.Instant;

/**
 * One bound session as {@code GET /sessions} shows it: the kind and mode as their wire codes
 * ({@code DLV}, {@code P}). The components' names and order are the JSON's.
 */
record SessionView(
    String account,
    String kind,
    String mode,
    String remoteAddress,
    Instant boundAt,
    long packetsIn,
    long packetsOut) {

  static SessionView of(SessionInfo s) {
    return new SessionView(
        s.account(),
        s.kind().code(),
        s.mode().code(),
        s.remoteAddress(),
        s.boundAt(),
        s.packetsIn(),
        s.packetsOut());
  }
}
