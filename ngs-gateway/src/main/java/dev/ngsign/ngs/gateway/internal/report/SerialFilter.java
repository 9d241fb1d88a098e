package dev.ngsign.ngs.gateway.internal.report;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter of the SERIAL keys in the store's serials map, so that a DELIVER with a new SERIAL (nearly
 * all of them) skips the map lookup: a B-tree {@code get} for a random key usually has to load and decode a
 * leaf page, and the {@code put} that follows walks the tree again. "No" is certain, "maybe" is confirmed in
 * the map. Keys are only added; removed keys stay as false positives until the filter is rebuilt. Safe for
 * concurrent use: an {@link #add} made before another thread's {@link #mightContain} (in the happens-before
 * sense) is seen by it.
 */
final class SerialFilter {
  private static final int HASHES = 4;
  private static final int MIN_BITS_LOG2 = 23; // 1 MB
  private static final int MAX_BITS_LOG2 = 33; // 1 GB: past ~500 million keys the false positives just grow

  private final AtomicLongArray words;
  private final long mask;

  private SerialFilter(int bitsLog2) {
    this.words = new AtomicLongArray(1 << (bitsLog2 - 6));
    this.mask = (1L << bitsLog2) - 1;
  }

  /** A filter with 16 bits per expected key (about 0.25 % false positives with 4 hashes). */
  static SerialFilter forKeys(long expected) {
    int log2 = MIN_BITS_LOG2;
    while (log2 < MAX_BITS_LOG2 && (1L << log2) < expected * 16) {
      log2++;
    }
    return new SerialFilter(log2);
  }

  void add(String key) {
    long h = hash(key);
    long h2 = (h >>> 32) | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (h + i * h2) & mask;
      int w = (int) (bit >>> 6);
      long b = 1L << bit;
      if ((words.get(w) & b) == 0) {
        words.getAndUpdate(w, v -> v | b);
      }
    }
  }

  boolean mightContain(String key) {
    long h = hash(key);
    long h2 = (h >>> 32) | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (h + i * h2) & mask;
      if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** 64-bit FNV-1a over the chars, then a finalizer so that the low and high halves are both well mixed. */
  private static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
