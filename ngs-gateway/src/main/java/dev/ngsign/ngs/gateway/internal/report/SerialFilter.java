package dev.ngsign.ngs.gateway.internal.report;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter of the SERIAL keys of one bucket, in front of the engine: a new SERIAL (the common
 * case) is answered "not seen" without a call into RocksDB for each bucket. It grows by generations
 * (each four times the last, 16 bits per key) so that it needs no size up front; a key is added
 * when it is claimed, before its record can be written, so the filter never says "absent" for a
 * stored key. A "maybe" is settled by the engine. Thread-safe; bits are set with atomic ORs.
 *
 * <p>One 64-bit hash per key, computed once per lookup for all buckets; its two halves are the two
 * hashes of double hashing (Kirsch–Mitzenmacher).
 */
final class SerialFilter {
  private static final int HASHES = 4;
  private static final int BITS_PER_KEY = 16;
  private static final long FIRST_CAPACITY = 1 << 16;
  private static final long SEED = 0x9E3779B97F4A7C15L;

  private static final class Generation {
    final AtomicLongArray words;
    final long bitMask;
    final long capacity;
    final AtomicLong count = new AtomicLong();

    Generation(long capacity) {
      long bits = Long.highestOneBit(capacity * BITS_PER_KEY - 1) << 1;
      this.words = new AtomicLongArray((int) (bits >>> 6));
      this.bitMask = bits - 1;
      this.capacity = capacity;
    }

    void add(long h) {
      long h1 = h;
      long h2 = Long.rotateLeft(h, 32) | 1;
      for (int i = 0; i < HASHES; i++) {
        long bit = (h1 + i * h2) & bitMask;
        int w = (int) (bit >>> 6);
        long m = 1L << bit;
        if ((words.get(w) & m) == 0) {
          words.getAndAccumulate(w, m, (a, b) -> a | b);
        }
      }
    }

    boolean mightContain(long h) {
      long h1 = h;
      long h2 = Long.rotateLeft(h, 32) | 1;
      for (int i = 0; i < HASHES; i++) {
        long bit = (h1 + i * h2) & bitMask;
        if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
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

  private void add(long h) {
    Generation[] g = generations;
    Generation newest = g[g.length - 1];
    if (newest.count.incrementAndGet() > newest.capacity) {
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
