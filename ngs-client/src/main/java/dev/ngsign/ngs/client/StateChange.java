package dev.ngsign.ngs.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One transition of {@link ConnectionState}.
 *
 * @param previous the state before
 * @param current the state now
 * @param reason human-readable reason, e.g. {@code EVENT 0: maintenance} or {@code DELIVER_ACK
 *     timeout}; may be empty
 * @param cause the failure behind a drop, or null
 * @param at when it happened (the client's clock)
 */
public record StateChange(
    ConnectionState previous,
    ConnectionState current,
    String reason,
    @Nullable Throwable cause,
    Instant at) {
  public StateChange {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }

  /** The failure behind a drop, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(cause);
  }
}
