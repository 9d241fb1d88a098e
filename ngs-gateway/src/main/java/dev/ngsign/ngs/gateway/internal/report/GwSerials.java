package dev.ngsign.ngs.gateway.internal.report;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;

/**
 * The GWSERIAL sequence: 15 digits, unique across restarts on one data directory. Numbers are
 * handed out from memory; a block of a million ahead is reserved in the store ({@code
 * gwserial.reserved} in the {@code default} column family) before any of it is used, so a restart
 * continues past everything a crashed run could have acknowledged. The sequence also starts no
 * lower than the clock's seconds × 100,000, so a fresh data directory does not repeat an old run's
 * numbers either.
 */
final class GwSerials {
  private static final byte[] RESERVED = "gwserial.reserved".getBytes(StandardCharsets.US_ASCII);
  private static final long BLOCK = 1_000_000L;

  private final StoreDatabase store;
  private final AtomicLong sequence;
  private volatile long reserved; // written under this

  GwSerials(StoreDatabase store, long nowMillis) throws RocksDBException {
    this.store = store;
    byte[] stored = store.db.get(store.meta, RESERVED);
    long start =
        Math.max(
            stored == null ? 0 : Long.parseLong(new String(stored, StandardCharsets.US_ASCII)),
            (nowMillis / 1000) * 100_000L);
    this.sequence = new AtomicLong(start);
    this.reserved = start;
    reserve(start + BLOCK);
  }

  String next() {
    long n = sequence.incrementAndGet();
    if (n >= reserved) {
      reserve(n + BLOCK);
    }
    String digits = Long.toString(n % 1_000_000_000_000_000L);
    return "0".repeat(15 - digits.length()) + digits;
  }

  /** Written before any GWSERIAL of the block can be acknowledged. */
  private synchronized void reserve(long upTo) {
    if (upTo <= reserved) {
      return;
    }
    try {
      store.put(store.meta, RESERVED, Long.toString(upTo).getBytes(StandardCharsets.US_ASCII));
    } catch (RocksDBException e) {
      throw new StoreException("cannot reserve GWSERIALs: " + e.getMessage(), e);
    }
    reserved = upTo;
  }
}
