package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SERIAL filter in front of the buckets may say "maybe" for a key never added, but never
 * "absent" for one that was: a miss would let a duplicate SERIAL through as a new message.
 */
class SerialFilterTest {

  /** Keys as the store makes them: {@code account NUL SERIAL}, SERIALs of 1..20 characters. */
  private static byte[] key(Random r) {
    StringBuilder sb = new StringBuilder("acct").append(r.nextInt(8)).append('\u0000');
    int n = 1 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      sb.append((char) (r.nextBoolean() ? '0' + r.nextInt(10) : 'A' + r.nextInt(26)));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> every_added_key_is_found_across_generations() {
    return Stream.of(1L, 2L, 3L, 42L, 20261206L)
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      SerialFilter f = new SerialFilter();
                      List<byte[]> added = new ArrayList<>();
                      // past the first generation (65,536 keys) into the second and third
                      int count = 65_536 * 5 + r.nextInt(1000);
                      for (int i = 0; i < count; i++) {
                        byte[] k = key(r);
                        if (i % 2 == 0) {
                          f.add(k);
                        } else { // the start-up path: keys read into a direct buffer
                          ByteBuffer b = ByteBuffer.allocateDirect(k.length + 3);
                          b.put(k).flip();
                          f.add(b);
                        }
                        added.add(k);
                      }
                      for (byte[] k : added) {
                        assertThat(f.mightContain(k))
                            .as(new String(k, StandardCharsets.UTF_8))
                            .isTrue();
                        assertThat(f.mightContain(SerialFilter.hash(k))).isTrue();
                      }
                    }));
  }

  @Test
  void keys_never_added_are_mostly_absent() {
    Random r = new Random(7);
    SerialFilter f = new SerialFilter();
    for (int i = 0; i < 50_000; i++) {
      f.add(("acct1\u0000A" + i).getBytes(StandardCharsets.UTF_8));
    }
    int maybe = 0;
    int tries = 100_000;
    for (int i = 0; i < tries; i++) {
      if (f.mightContain(("acct2\u0000B" + r.nextLong()).getBytes(StandardCharsets.UTF_8))) {
        maybe++;
      }
    }
    // 16 bits per key, 4 hashes in one cache line: about 0.3 % false positives; a broken hash
    // gives far more
    assertThat(maybe).isLessThan(tries / 100);
  }

  @Test
  void boundary_keys() {
    SerialFilter f = new SerialFilter();
    byte[] empty = new byte[0];
    byte[] nul = {0};
    byte[] korean = "계정\u0000가".getBytes(StandardCharsets.UTF_8);
    f.add(empty);
    f.add(nul);
    f.add(korean);
    assertThat(f.mightContain(empty)).isTrue();
    assertThat(f.mightContain(nul)).isTrue();
    assertThat(f.mightContain(korean)).isTrue();
  }
}
