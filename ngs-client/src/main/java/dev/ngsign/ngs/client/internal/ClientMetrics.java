package dev.ngsign.ngs.client.internal;

import java.util.function.Supplier;

/**
 * What the client counts. {@link #NONE} when no registry is configured, {@link
 * MicrometerClientMetrics} otherwise: this interface names no Micrometer type, so a client without
 * a registry never loads Micrometer and runs without it on the class path (Micrometer is an
 * optional dependency of ngs-client).
 */
interface ClientMetrics {
  /** Counts nothing. */
  ClientMetrics NONE = new ClientMetrics() {};

  /**
   * The metrics for {@code registry} (a Micrometer {@code MeterRegistry}), or {@link #NONE} when it
   * is null. {@link MicrometerClientMetrics} is resolved only on the non-null path.
   */
  static ClientMetrics of(Object registry, String account, String ngsId) {
    return registry == null
        ? NONE
        : new MicrometerClientMetrics(
            (io.micrometer.core.instrument.MeterRegistry) registry, account, ngsId);
  }

  default void gauges(
      Supplier<Number> inFlight, Supplier<Number> pending, Supplier<Number> queued) {}

  default void sent() {}

  default void acked(int code, long latencyNanos) {}

  default void report(int result) {}

  default void failed(String reason) {}

  default void reconnect() {}

  /** The client closed for good (its gauges stop reading it). */
  default void closed() {}
}
