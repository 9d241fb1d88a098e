package dev.ngsign.ngs.gateway.internal.report;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Bloom filter of the SERIAL keys of one bucket, in front of the engine: a new SERIAL (the common
 * case) is answered "not seen" without a call into RocksDB for each bucket. It grows by generations
 * (each four times the last, 16 bits per key) so that it needs no size up front; a key is added
 * when it is claimed, before its record can be written, so the filter never says "absent" for a
 * stored key. A "maybe" is settled by the engine. Thread-safe; bits are set with atomic ORs.
 *
 * <p>Cache-line blocked, like RocksDB's own filters: a key's four bits lie in one 64-byte line of
 * its generation, so adding or looking up a key touches one line per generation instead of four (a
 * filter of millions of keys does not fit the CPU caches, and every probe elsewhere is a miss). One
 * 64-bit hash per key, computed once per lookup for all buckets: its high half picks the line, a
 * remix gives the bits in it.
 */
final class SerialFilter {
  private static final int HASHES = 4;
  private static final int BITS_PER_KEY = 16;
  private static final long FIRST_CAPACITY = 1 << 16;
  private static final long SEED = 0x9E3779B97F4A7C15L;
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private static final class Generation {
    final long[] words; // read and written through WORDS
    final int lineMask;
    final long capacity;

    /** Keys added, counted without a shared counter: every event loop adds. */
    final LongAdder count = new LongAdder();

    Generation(long capacity) {
      long bits = Long.highestOneBit(capacity * BITS_PER_KEY - 1) << 1;
      this.words = new long[(int) (bits >>> 6)];
      this.lineMask = (words.length >>> 3) - 1;
      this.capacity = capacity;
    }

    private int line(long h) {
      return ((int) (h >>> 32) & lineMask) << 3;
    }

    /** The i-th bit's position in the line (0..511): 9 bits of a remix of the hash each. */
    private static int bit(long g, int i) {
      return (int) (g >>> (64 - 9 * (i + 1))) & 511;
    }

    void add(long h) {
      int line = line(h);
      long g = h * 0xC6A4A7935BD1E995L;
      for (int i = 0; i < HASHES; i++) {
        int b = bit(g, i);
        int w = line + (b >>> 6);
        long m = 1L << b;
        if (((long) WORDS.getVolatile(words, w) & m) == 0) {
          WORDS.getAndBitwiseOr(words, w, m);
        }
      }
    }

    boolean mightContain(long h) {
      int line = line(h);
      long g = h * 0xC6A4A7935BD1E995L;
      for (int i = 0; i < HASHES; i++) {
        int b = bit(g, i);
        if (((long) WORDS.getVolatile(words, line + (b >>> 6)) & (1L << b)) == 0) {
          return false;
        }
      }
      return true;
    }
  }

  private volatile Generation[] generations = {new Generation(FIRST_CAPACITY)};

  void add(byte[] key) {
    add(hash(key));
  }

  /** Adds the key between the buffer's position and limit. */
  void add(ByteBuffer key) {
    long h = SEED ^ key.remaining();
    for (int i = key.position(); i < key.limit(); i++) {
      h = (h ^ (key.get(i) & 0xff)) * 0x100000001B3L;
    }
    add(finish(h));
  }

  /** Adds the key with this {@link #hash}. */
  void add(long h) {
    Generation[] g = generations;
    Generation newest = g[g.length - 1];
    newest.count.increment();
    // summing the adder costs a pass over its cells: look about every 1,024th key (by its hash),
    // so a generation holds at most a few thousand keys more than it was sized for
    if ((h & 1023) == 0 && newest.count.sum() > newest.capacity) {
      newest = grow(newest);
    }
    newest.add(h);
  }

  private synchronized Generation grow(Generation full) {
    Generation[] g = generations;
    Generation newest = g[g.length - 1];
    if (newest != full) {
      return newest;
    }
    Generation next = new Generation(full.capacity * 4);
    Generation[] more = Arrays.copyOf(g, g.length + 1);
    more[g.length] = next;
    generations = more;
    return next;
  }

  /** Whether a key with this {@link #hash} may have been added. */
  boolean mightContain(long hash) {
    for (Generation g : generations) {
      if (g.mightContain(hash)) {
        return true;
      }
    }
    return false;
  }

  boolean mightContain(byte[] key) {
    return mightContain(hash(key));
  }

  /** 64-bit hash of the bytes (multiply-xorshift per byte, murmur3's finaliser at the end). */
  static long hash(byte[] key) {
    long h = SEED ^ key.length;
    for (byte b : key) {
      h = (h ^ (b & 0xff)) * 0x100000001B3L;
    }
    return finish(h);
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
