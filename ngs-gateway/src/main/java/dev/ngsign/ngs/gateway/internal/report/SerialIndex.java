package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;

/**
 * Where each SERIAL's latest record is in the {@link StoreLog}: an open-addressing hash table of
 * (64-bit hash of the key, record position), 16 bytes a slot, at most 70 % full. A hash match is confirmed by
 * reading the record's key from the log, so the answer is exact; with 64-bit hashes a second match is all
 * but impossible, and a new SERIAL (nearly every DELIVER) costs no read at all.
 *
 * <p>The slots live outside the Java heap, in a memory-mapped file of the data directory that is deleted as
 * soon as it is mapped (it is rebuilt from the log on every start): a long de-duplication window holds
 * millions of SERIALs, and neither their number nor a rehash should bear on the heap or its GC pauses. The
 * table is used under its own lock (a few hundred nanoseconds a call).
 */
final class SerialIndex implements AutoCloseable {
  private static final int MIN_SLOTS_LOG2 = 21; // 32 MB of (sparse) file: 1.4 million SERIALs before a rehash
  private static final int CHUNK_SLOTS_LOG2 = 22; // 64 MB per mapping
  private static final long EMPTY = 0;

  private final Path dir;
  /** Reads the key of the record at a position. */
  private final LongFunction<String> keyAt;
  /** Hashes a key (0 is taken as 1: 0 marks an empty slot). */
  private final ToLongFunction<String> hash;
  private Table table;
  private long size;
  private int files;

  /** The slots: {@code hash, position} pairs in mapped chunks. */
  private static final class Table {
    final LongBuffer[] chunks;
    final long mask;

    Table(LongBuffer[] chunks, long slots) {
      this.chunks = chunks;
      this.mask = slots - 1;
    }

    long slots() {
      return mask + 1;
    }

    long hash(long slot) {
      return chunks[(int) (slot >>> CHUNK_SLOTS_LOG2)].get((int) (slot & ((1 << CHUNK_SLOTS_LOG2) - 1)) * 2);
    }

    long position(long slot) {
      return chunks[(int) (slot >>> CHUNK_SLOTS_LOG2)].get((int) (slot & ((1 << CHUNK_SLOTS_LOG2) - 1)) * 2 + 1);
    }

    void set(long slot, long hash, long position) {
      LongBuffer c = chunks[(int) (slot >>> CHUNK_SLOTS_LOG2)];
      int i = (int) (slot & ((1 << CHUNK_SLOTS_LOG2) - 1)) * 2;
      c.put(i, hash);
      c.put(i + 1, position);
    }
  }

  SerialIndex(Path dir, LongFunction<String> keyAt) {
    this(dir, keyAt, SerialIndex::hash);
  }

  /** With another hash: tests use one that makes every key collide. */
  SerialIndex(Path dir, LongFunction<String> keyAt, ToLongFunction<String> hash) {
    this.dir = dir;
    this.keyAt = keyAt;
    this.hash = hash;
    this.table = map(1L << MIN_SLOTS_LOG2);
  }

  private Table map(long slots) {
    Path p = dir.resolve("serial-index-" + (files++) + ".tmp");
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      long perChunk = Math.min(slots, 1L << CHUNK_SLOTS_LOG2);
      LongBuffer[] chunks = new LongBuffer[(int) (slots / perChunk)];
      for (int i = 0; i < chunks.length; i++) {
        chunks[i] = ch.map(FileChannel.MapMode.READ_WRITE, i * perChunk * 16, perChunk * 16)
            .order(ByteOrder.nativeOrder()).asLongBuffer();
      }
      return new Table(chunks, slots);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map the SERIAL index file " + p, e);
    } finally {
      try {
        Files.deleteIfExists(p); // the mapping stays; no file is left behind
      } catch (IOException e) {
        // left for the next start's clean-up
      }
    }
  }

  /** Deletes index files a killed gateway left behind. */
  static void deleteLeftovers(Path dir) {
    try (var ds = Files.newDirectoryStream(dir, "serial-index-*.tmp")) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the data directory " + dir, e);
    }
  }

  /** 64-bit FNV-1a over the chars, then a finalizer so that every bit is mixed; never 0. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }

  private long hashOf(String key) {
    long h = hash.applyAsLong(key);
    return h == EMPTY ? 1 : h;
  }

  /** The position of the key's latest record, or -1. */
  synchronized long get(String key) {
    long slot = find(key, hashOf(key));
    return slot < 0 ? -1 : table.position(slot);
  }

  /** Points the key at a new record (its latest). */
  synchronized void put(String key, long position) {
    long h = hashOf(key);
    long slot = find(key, h);
    if (slot >= 0) {
      table.set(slot, h, position);
      return;
    }
    if (size + 1 > table.slots() * 7 / 10) {
      rehash(table.slots() * 2, p -> true);
    }
    insert(table, h, position);
    size++;
  }

  /** The slot holding the key, or -1. */
  private long find(String key, long h) {
    Table t = table;
    for (long slot = h & t.mask; ; slot = (slot + 1) & t.mask) {
      long s = t.hash(slot);
      if (s == EMPTY) {
        return -1;
      }
      if (s == h && key.equals(keyAt.apply(t.position(slot)))) {
        return slot;
      }
    }
  }

  private static void insert(Table t, long h, long position) {
    long slot = h & t.mask;
    while (t.hash(slot) != EMPTY) {
      slot = (slot + 1) & t.mask;
    }
    t.set(slot, h, position);
  }

  /**
   * Drops every entry whose position fails {@code keep} (say, in a segment about to be deleted); returns how
   * many it dropped.
   */
  synchronized long retain(LongPredicate keep) {
    long before = size;
    long kept = 0;
    for (long slot = 0; slot < table.slots(); slot++) {
      if (table.hash(slot) != EMPTY && keep.test(table.position(slot))) {
        kept++;
      }
    }
    long slots = table.slots();
    while (slots > (1L << MIN_SLOTS_LOG2) && slots / 4 > kept * 10 / 7) {
      slots /= 2; // shrink when mostly empty after the drop, leaving room to grow
    }
    rehash(slots, keep);
    return before - size;
  }

  private void rehash(long slots, LongPredicate keep) {
    Table from = table;
    Table to = map(slots);
    long kept = 0;
    for (long slot = 0; slot < from.slots(); slot++) {
      long h = from.hash(slot);
      if (h != EMPTY && keep.test(from.position(slot))) {
        insert(to, h, from.position(slot));
        kept++;
      }
    }
    table = to;
    size = kept;
  }

  synchronized long size() {
    return size;
  }

  @Override
  public synchronized void close() {
    table = null; // the mapping goes with the garbage collector; its file is already deleted
  }
}
