package dev.ngsign.ngs.gateway.internal.report;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The SERIAL de-duplication window as RocksDB column families, one per time bucket ({@code
 * serials-<start millis>}): a SERIAL record lives in the bucket of the time its message was first
 * accepted, so a bucket whose every record is older than the window is dropped whole — no record is
 * rewritten or deleted one by one. A lookup asks the buckets newest first (each answers from its
 * memtable and SST Bloom filters); the first record found is the latest. A {@link SerialFilter} per
 * bucket answers most lookups of a new SERIAL without asking the engine.
 *
 * <p>Dropping takes the write side of a read-write lock; lookups and batch writes hold the read
 * side, so a write never meets a handle being dropped.
 */
final class SerialBuckets implements AutoCloseable {
  static final String PREFIX = "serials-";

  /** A SERIAL's latest record and the bucket it is in. */
  record Found(SerialRecord record, long bucket) {}

  private final RocksDB db;
  private final ColumnFamilyOptions options;
  private final long width;
  private final long windowMillis;
  private final ConcurrentSkipListMap<Long, ColumnFamilyHandle> buckets =
      new ConcurrentSkipListMap<>();

  /**
   * Per bucket, every key claimed into it (and, for buckets found at open, every key stored in it).
   */
  private final ConcurrentHashMap<Long, SerialFilter> filters = new ConcurrentHashMap<>();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Buckets that start before this were dropped: records for them are no longer written. */
  private volatile long horizon = Long.MIN_VALUE;

  private boolean closed; // guarded by the write lock

  SerialBuckets(RocksDB db, ColumnFamilyOptions options, long width, long windowMillis) {
    this.db = db;
    this.options = options;
    this.width = width;
    this.windowMillis = windowMillis;
  }

  static boolean isBucket(String cfName) {
    return cfName.startsWith(PREFIX);
  }

  static long startOf(String cfName) {
    return Long.parseLong(cfName.substring(PREFIX.length()));
  }

  /** A bucket found when the database was opened: its filter is filled from its keys. */
  void adopt(long start, ColumnFamilyHandle handle) {
    SerialFilter f = filter(start);
    try (RocksIterator it = db.newIterator(handle)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        f.add(it.key());
      }
    }
    buckets.put(start, handle);
  }

  private SerialFilter filter(long bucket) {
    return filters.computeIfAbsent(bucket, b -> new SerialFilter());
  }

  /** Notes a key claimed into {@code bucket}, before its record can be written. */
  void claimed(long bucket, byte[] key) {
    filter(bucket).add(key);
  }

  long bucketOf(long millis) {
    return Math.floorDiv(millis, width) * width;
  }

  /** Held (read side) by whoever looks up or writes SERIAL records. */
  Lock readLock() {
    return lock.readLock();
  }

  /** The latest record of {@code key}, or null; the caller holds {@link #readLock}. */
  Found find(byte[] key) throws RocksDBException {
    for (Map.Entry<Long, ColumnFamilyHandle> e : buckets.descendingMap().entrySet()) {
      SerialFilter f = filters.get(e.getKey());
      if (f != null && !f.mightContain(key)) {
        continue;
      }
      byte[] v = db.get(e.getValue(), key);
      if (v != null) {
        return new Found(SerialRecord.decode(new String(v, StandardCharsets.US_ASCII)), e.getKey());
      }
    }
    return null;
  }

  /**
   * The bucket's column family, created when missing; null when the bucket was dropped (its records
   * are past the window). The caller holds {@link #readLock}.
   */
  ColumnFamilyHandle forWrite(long bucket) throws RocksDBException {
    ColumnFamilyHandle h = buckets.get(bucket);
    if (h != null || bucket < horizon) {
      return h;
    }
    synchronized (buckets) {
      h = buckets.get(bucket);
      if (h == null) {
        h =
            db.createColumnFamily(
                new ColumnFamilyDescriptor(
                    (PREFIX + bucket).getBytes(StandardCharsets.US_ASCII), options));
        buckets.put(bucket, h);
      }
      return h;
    }
  }

  /**
   * Drops every bucket whose records are all older than the window, and creates the bucket new
   * claims go to now and next, so that claims on the event loops seldom wait for a column family to
   * be created. Returns about how many records were dropped.
   */
  long sweep(long nowMillis) throws RocksDBException {
    long dropped = 0;
    Map.Entry<Long, ColumnFamilyHandle> oldest = buckets.firstEntry();
    boolean expired = oldest != null && oldest.getKey() + width <= nowMillis - windowMillis;
    if (expired) { // else the claims need not wait for the write lock
      dropped = dropExpired(nowMillis);
    }
    lock.readLock().lock();
    try {
      if (closed) {
        return dropped;
      }
      forWrite(bucketOf(nowMillis));
      forWrite(bucketOf(nowMillis) + width);
    } finally {
      lock.readLock().unlock();
    }
    return dropped;
  }

  private long dropExpired(long nowMillis) throws RocksDBException {
    long dropped = 0;
    lock.writeLock().lock();
    try {
      if (closed) {
        return 0;
      }
      while (!buckets.isEmpty()) {
        long start = buckets.firstKey();
        if (start + width > nowMillis - windowMillis) {
          break;
        }
        ColumnFamilyHandle h = buckets.remove(start);
        filters.remove(start);
        dropped += db.getLongProperty(h, "rocksdb.estimate-num-keys");
        horizon = start + width;
        db.dropColumnFamily(h);
        h.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
    return dropped;
  }

  /** Held by whoever drops buckets or closes the database. */
  Lock writeLock() {
    return lock.writeLock();
  }

  /** Buckets now held (tests). */
  int count() {
    return buckets.size();
  }

  /** Closes the handles; the caller holds {@link #writeLock}. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      buckets.values().forEach(ColumnFamilyHandle::close);
      buckets.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
