package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Failures;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One prepared service call, run in the form the caller chooses: {@link #execute()} (blocking),
 * {@link #future()} or {@link #enqueue} (the seed document's success and error callbacks). All
 * three come from the same asynchronous exchange; nothing is sent until one of them is called, and
 * a call runs once (a second run throws {@link IllegalStateException}; ask the client for a new
 * call).
 *
 * <pre>{@code
 * Receipt r = client.requestMultiSign(clientCode, request).execute();
 * CompletableFuture<RequestStatus> f = client.getMultiSignStatus(clientCode, rid).future();
 * client.verifyMultiSign(clientCode, rid).enqueue(result -> ..., error -> ...);
 * }</pre>
 *
 * @param <T> the reply
 */
public final class Call<T> {
  private final Supplier<CompletableFuture<T>> exchange;
  private final AtomicBoolean started = new AtomicBoolean();

  Call(Supplier<CompletableFuture<T>> exchange) {
    this.exchange = exchange;
  }

  /**
   * Sends and waits for the reply.
   *
   * @throws BarocertValidationException bad input, nothing sent
   * @throws BarocertTransportException network trouble, timeout, or interrupted while waiting
   * @throws BarocertServiceException the service's error reply
   */
  public T execute() {
    CompletableFuture<T> f = future();
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new BarocertTransportException("interrupted while waiting for the reply", e);
    } catch (ExecutionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  /**
   * Sends; the future completes with the reply or fails with a {@link BarocertException}. Invalid
   * input fails it at once, without a network call.
   */
  public CompletableFuture<T> future() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("this call already ran; ask the client for a new one");
    }
    CompletableFuture<T> f;
    try {
      f = exchange.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(unwrap(e));
    }
    // one exception type for every failure path, however the exchange failed
    return f.handle(
            (v, e) ->
                e == null
                    ? CompletableFuture.completedFuture(v)
                    : CompletableFuture.<T>failedFuture(unwrap(e)))
        .thenCompose(x -> x);
  }

  /**
   * Sends; calls exactly one of the two on the thread that completes the exchange.
   *
   * @param success gets the reply
   * @param error gets the failure
   */
  public void enqueue(Consumer<? super T> success, Consumer<? super BarocertException> error) {
    Objects.requireNonNull(success, "success");
    Objects.requireNonNull(error, "error");
    future()
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                error.accept(unwrap(e));
              } else {
                success.accept(v);
              }
            });
  }

  private static BarocertException unwrap(Throwable e) {
    return Failures.unwrap(e);
  }
}
