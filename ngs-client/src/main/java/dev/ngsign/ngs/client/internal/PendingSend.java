package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted send, from {@code send()} until its future completes. Mutable fields are touched on
 * the event loop only.
 */
final class PendingSend {
  final Deliver deliver;
  final CompletableFuture<DeliverResult> future;
  final long acceptedNanos;
  final long deadlineNanos;
  final TpsClass tpsClass;
  int attempts;
  long sentNanos;

  /** When the drain that encoded it had flushed it to the socket (the ticker). */
  long writtenNanos;

  TpsLimiter.Stamp stamp;

  PendingSend(
      Deliver deliver,
      CompletableFuture<DeliverResult> future,
      long acceptedNanos,
      long deadlineNanos) {
    this.deliver = deliver;
    this.future = future;
    this.acceptedNanos = acceptedNanos;
    this.deadlineNanos = deadlineNanos;
    this.tpsClass = deliver.messageType().tpsClass();
  }

  String serial() {
    return deliver.serial();
  }
}
