package dev.ngsign.navercert.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A session token kept until {@code margin} before its expiration, then fetched again. Concurrent
 * callers share one in-flight fetch (single flight), so a burst of calls on an expired token causes
 * exactly one token request. A failed fetch is not cached: the next caller tries again.
 */
public final class TokenCache {
  /** A token and its expiry. */
  public record Entry(String token, Instant expiration) {
    @Override
    public String toString() {
      return "Entry[token=<redacted>, expiration=" + expiration + "]";
    }
  }

  private final Clock clock;
  private final Duration margin;
  private final Supplier<CompletableFuture<Entry>> fetch;
  private final AtomicReference<CompletableFuture<Entry>> current = new AtomicReference<>();

  public TokenCache(Clock clock, Duration margin, Supplier<CompletableFuture<Entry>> fetch) {
    this.clock = clock;
    this.margin = margin;
    this.fetch = fetch;
  }

  public CompletableFuture<String> get() {
    while (true) {
      CompletableFuture<Entry> f = current.get();
      if (f != null && usable(f)) {
        return f.thenApply(Entry::token);
      }
      CompletableFuture<Entry> next = new CompletableFuture<>();
      if (current.compareAndSet(f, next)) {
        CompletableFuture<Entry> started;
        try {
          started = fetch.get();
        } catch (RuntimeException e) {
          started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete(
            (entry, error) -> {
              if (error != null) {
                current.compareAndSet(next, null);
                next.completeExceptionally(error);
              } else {
                next.complete(entry);
              }
            });
        return next.thenApply(Entry::token);
      }
    }
  }

  /** Drops {@code token} if it is the cached one (the service said it is no longer valid). */
  public void invalidate(String token) {
    CompletableFuture<Entry> f = current.get();
    if (f != null
        && f.isDone()
        && !f.isCompletedExceptionally()
        && f.join().token().equals(token)) {
      current.compareAndSet(f, null);
    }
  }

  private boolean usable(CompletableFuture<Entry> f) {
    if (!f.isDone()) {
      return true; // in flight: share it
    }
    if (f.isCompletedExceptionally()) {
      return false;
    }
    return f.join().expiration().minus(margin).isAfter(clock.instant());
  }
}
