package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SERIAL index against an in-memory "log": a position {@code p} holds the record of key {@code p % KEYS}
 * (so {@code p} and {@code p + KEYS} are two records of the same key), which keeps 1.5 million keys cheap.
 */
class SerialIndexTest {
  private static final int MIN_SLOTS = 1 << 21;
  /** More than 70 % of the minimum table: at least one rehash (to 2^22 slots). */
  private static final int KEYS = 1_500_000;

  @TempDir Path dir;

  private static String key(long i) {
    return "S" + i;
  }

  private static final LongFunction<String> LOG = p -> key(p % KEYS);

  @Test
  void findsEveryKeyExactlyAcrossARehashAndReplacesPositions() throws IOException {
    try (SerialIndex index = new SerialIndex(dir, LOG)) {
      assertThat(tmpFiles()).isEmpty(); // deleted as soon as mapped
      assertThat(slots(index)).isEqualTo(MIN_SLOTS);
      for (int i = 0; i < KEYS; i++) {
        index.put(key(i), i);
      }
      assertThat(slots(index)).isEqualTo(2L * MIN_SLOTS);
      assertThat(index.size()).isEqualTo(KEYS);
      assertThat(tmpFiles()).isEmpty(); // nor after the rehash
      for (int i = 0; i < KEYS; i++) {
        assertThat(index.get(key(i))).isEqualTo(i);
      }
      for (int i = KEYS; i < KEYS + 1_000; i++) {
        assertThat(index.get(key(i))).isEqualTo(-1);
      }

      // a newer record of every third key: replaced in place, no new entry
      for (int i = 0; i < KEYS; i += 3) {
        index.put(key(i), KEYS + i);
      }
      assertThat(index.size()).isEqualTo(KEYS);
      for (int i = 0; i < KEYS; i++) {
        assertThat(index.get(key(i))).isEqualTo(i % 3 == 0 ? KEYS + i : i);
      }
    }
  }

  @Test
  void retainDropsExactlyTheFailingEntriesAlsoWhenTheTableShrinks() throws IOException {
    try (SerialIndex index = new SerialIndex(dir, LOG)) {
      for (int i = 0; i < KEYS; i++) {
        index.put(key(i), i);
      }
      assertThat(slots(index)).isEqualTo(2L * MIN_SLOTS);

      // drop the positions not divisible by 3: 1,000,000 of them
      assertThat(index.retain(p -> p % 3 == 0)).isEqualTo(KEYS - KEYS / 3);
      assertThat(index.size()).isEqualTo(KEYS / 3);
      for (int i = 0; i < KEYS; i++) {
        assertThat(index.get(key(i))).as("key %d", i).isEqualTo(i % 3 == 0 ? i : -1);
      }

      // 500,000 entries in 2^22 slots is mostly empty: this rehash goes back to the minimum size
      assertThat(index.retain(p -> p % 30 == 0)).isEqualTo(KEYS / 3 - KEYS / 30);
      assertThat(slots(index)).isEqualTo(MIN_SLOTS);
      assertThat(index.size()).isEqualTo(KEYS / 30);
      assertThat(tmpFiles()).isEmpty();
      for (int i = 0; i < KEYS; i++) {
        assertThat(index.get(key(i))).as("key %d", i).isEqualTo(i % 30 == 0 ? i : -1);
      }

      // dropped keys can come back; kept ones are still replaced, not duplicated
      index.put(key(1), KEYS + 1);
      index.put(key(30), KEYS + 30);
      assertThat(index.size()).isEqualTo(KEYS / 30 + 1);
      assertThat(index.get(key(1))).isEqualTo(KEYS + 1);
      assertThat(index.get(key(30))).isEqualTo(KEYS + 30);
      assertThat(index.retain(p -> true)).isZero();
    }
  }

  @Test
  void keysWithEqualHashesAreKeptApart() {
    // -1 puts every key in the last slot, so the probe also wraps around to slot 0
    for (long constant : new long[] {42, -1, 0}) {
      List<String> log = new ArrayList<>();
      try (SerialIndex index = new SerialIndex(dir, p -> log.get((int) p), k -> constant)) {
        for (int i = 0; i < 200; i++) {
          log.add(key(i));
          index.put(key(i), i);
        }
        assertThat(index.size()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
          assertThat(index.get(key(i))).as("hash %d, key %d", constant, i).isEqualTo(i);
        }
        assertThat(index.get(key(200))).isEqualTo(-1);

        for (int i = 0; i < 200; i += 2) { // newer records of the even keys
          log.add(key(i));
          index.put(key(i), log.size() - 1);
        }
        assertThat(index.size()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
          assertThat(index.get(key(i))).isEqualTo(i % 2 == 0 ? 200 + i / 2 : i);
        }

        // drops the odd keys at 3, 9, …, 195 and the even ones moved to 201, 204, …, 297
        assertThat(index.retain(p -> p % 3 != 0)).isEqualTo(33 + 33);
        assertThat(index.size()).isEqualTo(200 - 66);
        for (int i = 0; i < 200; i++) {
          long p = i % 2 == 0 ? 200 + i / 2 : i;
          assertThat(index.get(key(i))).as("hash %d, key %d", constant, i).isEqualTo(p % 3 != 0 ? p : -1);
        }
      }
    }
  }

  @Test
  void hashIsDeterministicAndNeverZero() {
    assertThat(SerialIndex.hash("S1")).isEqualTo(SerialIndex.hash("S" + 1));
    assertThat(SerialIndex.hash("S1")).isNotEqualTo(SerialIndex.hash("S2"));
    assertThat(SerialIndex.hash("")).isNotZero();
  }

  @Test
  void positionsAreWholeLongs() {
    long big = Long.MAX_VALUE - 7;
    try (SerialIndex index = new SerialIndex(dir, p -> p == big ? "big" : "other")) {
      index.put("big", big);
      index.put("other", 1L << 40);
      assertThat(index.get("big")).isEqualTo(big);
      assertThat(index.get("other")).isEqualTo(1L << 40);
    }
  }

  @Test
  void deleteLeftoversDeletesOnlyIndexFiles() throws IOException {
    Files.writeString(dir.resolve("serial-index-0.tmp"), "x");
    Files.writeString(dir.resolve("serial-index-17.tmp"), "x");
    Files.writeString(dir.resolve("segment-0.log"), "keep");
    Files.writeString(dir.resolve("serial-index-0.tmp.bak"), "keep");

    SerialIndex.deleteLeftovers(dir);

    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("segment-0.log", "serial-index-0.tmp.bak");
    }
  }

  private List<Path> tmpFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("serial-index-.*\\.tmp")).toList();
    }
  }

  /** The table's slot count: white-box, so that a rehash or a shrink is known to have happened. */
  private static long slots(SerialIndex index) {
    try {
      Field f = SerialIndex.class.getDeclaredField("table");
      f.setAccessible(true);
      Object table = f.get(index);
      Method m = table.getClass().getDeclaredMethod("slots");
      m.setAccessible(true);
      return (long) m.invoke(table);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
