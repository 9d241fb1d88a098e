package dev.ngsign.ngs.gateway.internal.report;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;

/**
 * A RocksDB write batch put together on the Java heap, in the engine's own serialised form, and
 * handed to RocksDB whole ({@code new WriteBatch(byte[])}): one call into the engine per store
 * write instead of one per record. Each {@code WriteBatch.put} is a JNI call that copies its key
 * and value out of the heap into fresh native buffers; with two records per accepted message that
 * was a measurable share of the event loops' time.
 *
 * <p>The form is RocksDB's {@code WriteBatch} representation ({@code db/write_batch.cc}): an 8-byte
 * sequence number (0: the engine assigns it) and a 4-byte little-endian record count, then per
 * record a type byte, the column family's id as a varint32 unless it is the default family (0), and
 * the key and (but for a deletion) the value, each prefixed with its length as a varint32.
 * EncodedBatchTest holds this against batches built with RocksDB's own API, byte for byte.
 *
 * <p>Reused by one thread at a time (one per {@link StoreBatch}).
 */
final class EncodedBatch {
  private static final int HEADER = 12;
  private static final byte DELETION = 0x0;
  private static final byte VALUE = 0x1;
  private static final byte MERGE = 0x2;
  private static final byte CF_DELETION = 0x4;
  private static final byte CF_VALUE = 0x5;
  private static final byte CF_MERGE = 0x6;
  private static final byte SINGLE_DELETION = 0x7;
  private static final byte CF_SINGLE_DELETION = 0x8;

  /** Kept between writes up to this size, so one huge batch does not pin its buffer. */
  private static final int KEEP = 1 << 20;

  private byte[] buf = new byte[8192];
  private int size = HEADER;
  private int count;

  // the column family id of the last handle asked: a batch's records come grouped by family
  private ColumnFamilyHandle lastFamily;
  private int lastId;

  void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
    record(family, VALUE, CF_VALUE, key, value);
  }

  void merge(ColumnFamilyHandle family, byte[] key, byte[] value) {
    record(family, MERGE, CF_MERGE, key, value);
  }

  void delete(ColumnFamilyHandle family, byte[] key) {
    record(family, DELETION, CF_DELETION, key, null);
  }

  /**
   * A deletion for a key put once and never overwritten: RocksDB drops the pair as soon as both
   * meet (in a flush already) instead of carrying a tombstone down the levels.
   */
  void singleDelete(ColumnFamilyHandle family, byte[] key) {
    record(family, SINGLE_DELETION, CF_SINGLE_DELETION, key, null);
  }

  int count() {
    return count;
  }

  /** A RocksDB batch holding the records so far; the caller closes it. */
  WriteBatch toWriteBatch() {
    buf[8] = (byte) count;
    buf[9] = (byte) (count >>> 8);
    buf[10] = (byte) (count >>> 16);
    buf[11] = (byte) (count >>> 24);
    return new WriteBatch(Arrays.copyOf(buf, size));
  }

  void clear() {
    Arrays.fill(buf, 0, HEADER, (byte) 0);
    size = HEADER;
    count = 0;
    lastFamily = null;
    if (buf.length > KEEP) {
      buf = new byte[8192];
    }
  }

  private void record(
      ColumnFamilyHandle family, byte defaultType, byte familyType, byte[] key, byte[] value) {
    int id = id(family);
    ensure(1 + 5 + 5 + key.length + (value == null ? 0 : 5 + value.length));
    if (id == 0) {
      buf[size++] = defaultType;
    } else {
      buf[size++] = familyType;
      varint(id);
    }
    bytes(key);
    if (value != null) {
      bytes(value);
    }
    count++;
  }

  private int id(ColumnFamilyHandle family) {
    if (family != lastFamily) {
      lastId = family.getID();
      lastFamily = family;
    }
    return lastId;
  }

  private void bytes(byte[] b) {
    varint(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void varint(int v) {
    while ((v & ~0x7f) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
