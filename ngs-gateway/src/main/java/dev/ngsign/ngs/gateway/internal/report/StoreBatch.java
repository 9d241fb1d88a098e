package dev.ngsign.ngs.gateway.internal.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The store changes made while handling one read batch of a session, encoded as journal records, plus what
 * {@link ReportStore#write} needs to publish them (reports become due) or undo them (the write failed). One
 * per session, used on its event loop only; empty again after each write.
 */
public final class StoreBatch {
  private static final int SHRINK_ABOVE = 1 << 20;

  private byte[] buf = new byte[4096];
  private int size;
  private final CRC32C crc = new CRC32C();
  final List<String> reportKeys = new ArrayList<>();
  final List<SerialClaim> claims = new ArrayList<>();

  public boolean isEmpty() {
    return size == 0 && reportKeys.isEmpty() && claims.isEmpty();
  }

  void put(byte map, String key, byte[] value) {
    record(StoreJournal.PUT, map, key, value);
  }

  void remove(byte map, String key) {
    record(StoreJournal.REMOVE, map, key, new byte[0]);
  }

  private void record(byte op, byte map, String key, byte[] value) {
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

  boolean hasRecords() {
    return size > 0;
  }

  void clear() {
    size = 0;
    reportKeys.clear();
    claims.clear();
    if (buf.length > SHRINK_ABOVE) {
      buf = new byte[4096];
    }
  }
}
