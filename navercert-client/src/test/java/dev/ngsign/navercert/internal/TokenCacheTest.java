package dev.ngsign.navercert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final AtomicInteger fetches = new AtomicInteger();
  private final List<CompletableFuture<TokenCache.Entry>> pending = new ArrayList<>();

  private TokenCache cache() {
    return new TokenCache(
        clock,
        Duration.ofMinutes(1),
        () -> {
          fetches.incrementAndGet();
          CompletableFuture<TokenCache.Entry> f = new CompletableFuture<>();
          synchronized (pending) {
            pending.add(f);
          }
          return f;
        });
  }

  @Test
  void concurrent_callers_share_one_fetch() {
    TokenCache c = cache();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(c.get());
    }
    assertThat(fetches).hasValue(1);
    pending.get(0).complete(new TokenCache.Entry("t1", now.get().plus(Duration.ofHours(1))));
    calls.forEach(f -> assertThat(f.join()).isEqualTo("t1"));
    assertThat(c.get().join()).isEqualTo("t1");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void refreshed_once_shortly_before_expiry() {
    TokenCache c = cache();
    CompletableFuture<String> first = c.get();
    pending.get(0).complete(new TokenCache.Entry("t1", now.get().plus(Duration.ofMinutes(10))));
    assertThat(first.join()).isEqualTo("t1");
    now.set(now.get().plus(Duration.ofMinutes(8).plusSeconds(59)));
    assertThat(c.get().join()).isEqualTo("t1");
    now.set(now.get().plus(Duration.ofSeconds(1))); // 1 minute before expiry: refresh
    CompletableFuture<String> a = c.get();
    CompletableFuture<String> b = c.get();
    assertThat(fetches).hasValue(2);
    pending.get(1).complete(new TokenCache.Entry("t2", now.get().plus(Duration.ofHours(1))));
    assertThat(a.join()).isEqualTo("t2");
    assertThat(b.join()).isEqualTo("t2");
  }

  @Test
  void a_failed_fetch_is_not_cached_and_invalidate_drops_the_token() {
    TokenCache c = cache();
    CompletableFuture<String> f = c.get();
    pending.get(0).completeExceptionally(new IllegalStateException("auth down"));
    assertThatThrownBy(f::join).isInstanceOf(CompletionException.class);
    CompletableFuture<String> g = c.get();
    assertThat(fetches).hasValue(2);
    pending.get(1).complete(new TokenCache.Entry("t2", now.get().plus(Duration.ofHours(1))));
    assertThat(g.join()).isEqualTo("t2");
    c.invalidate("other");
    assertThat(c.get().join()).isEqualTo("t2");
    c.invalidate("t2");
    c.get();
    assertThat(fetches).hasValue(3);
    assertThat(new TokenCache.Entry("secret-token", now.get()).toString())
        .doesNotContain("secret-token");
  }
}
