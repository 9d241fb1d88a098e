package dev.ngsign.ngs.gateway.internal.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The store changes made while handling one read batch of a session: encoded as journal records, and kept
 * as index changes that {@link ReportStore#write} applies once the records are in the log, plus the batch's
 * SERIAL claims. One per session, used on its event loop only; empty again after each write.
 */
public final class StoreBatch {
  private static final int SHRINK_ABOVE = 1 << 20;

  private byte[] buf = new byte[4096];
  private int size;
  private final CRC32C crc = new CRC32C();
  private final List<Change> changes = new ArrayList<>();
  final List<SerialClaim> claims = new ArrayList<>();

  /** A put to apply once written; {@code offset} is where its record starts in the batch. */
  private record Change(byte map, String key, byte[] value, int offset) {}

  public boolean isEmpty() {
    return size == 0 && changes.isEmpty() && claims.isEmpty();
  }

  /** A PUT to journal and then apply to the map. */
  void put(byte map, String key, byte[] value) {
    int offset = size;
    record(StoreLog.PUT, map, key, value);
    changes.add(new Change(map, key, value, offset));
  }

  /** A record only: the map was changed already (a removal, or meta written in place). */
  void journalOnly(byte op, byte map, String key, byte[] value) {
    record(op, map, key, value == null ? new byte[0] : value);
  }

  /** Applies the puts, written at {@code base} (the position of the batch's first record in the log). */
  void applyChanges(long base, StoreLog.Replay target) {
    for (Change c : changes) {
      target.apply(base + c.offset(), StoreLog.PUT, c.map(), c.key(), c.value());
    }
  }

  /** Bytes of records so far: the offset in the batch of the next record. */
  int size() {
    return size;
  }

  void record(byte op, byte map, String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int payload = 4 + k.length + value.length;
    ensure(8 + payload);
    int start = size + 8;
    buf[start] = op;
    buf[start + 1] = map;
    buf[start + 2] = (byte) (k.length >>> 8);
    buf[start + 3] = (byte) k.length;
    System.arraycopy(k, 0, buf, start + 4, k.length);
    System.arraycopy(value, 0, buf, start + 4 + k.length, value.length);
    crc.reset();
    crc.update(buf, start, payload);
    ByteBuffer.wrap(buf, size, 8).putInt(payload).putInt((int) crc.getValue());
    size += 8 + payload;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** The encoded records, for one journal write. */
  ByteBuffer records() {
    return ByteBuffer.wrap(buf, 0, size);
  }

  /** Whether the batch holds puts for the indexes (not only removals and meta). */
  boolean hasChanges() {
    return !changes.isEmpty();
  }

  boolean hasRecords() {
    return size > 0;
  }

  void clear() {
    size = 0;
    changes.clear();
    claims.clear();
    if (buf.length > SHRINK_ABOVE) {
      buf = new byte[4096];
    }
  }
}
