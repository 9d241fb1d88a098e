package dev.ngsign.ngs.gateway.internal.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The SERIAL de-duplication window's storage: one RocksDB column family per time bucket ({@code
 * serials-<start millis>}). A SERIAL record lives in the bucket of the time its message was first
 * accepted, so a bucket whose every record is older than the window is dropped whole — no record is
 * rewritten or deleted one by one. A lookup asks the buckets newest first; the first record found
 * is the latest. Each bucket has a {@link SerialFilter} of the keys claimed into it, so a new
 * SERIAL (the common case) is answered without a call into the engine.
 *
 * <p>Lookups and writes hold {@link StoreDatabase#use}; dropping takes {@link
 * StoreDatabase#exclusive}, so a write never meets a handle being dropped.
 */
final class SerialBuckets {
  static final String PREFIX = "serials-";

  /** A SERIAL's latest record and the bucket it is in. */
  record Found(SerialRecord record, long bucket) {}

  /** A bucket's column family and the filter of its keys. */
  private record Bucket(long start, ColumnFamilyHandle handle, SerialFilter filter) {}

  private final StoreDatabase store;
  private final long width;
  private final long windowMillis;
  private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();

  /**
   * The buckets newest first, replaced whole when one is created or dropped: lookups copy nothing.
   */
  private volatile Bucket[] newestFirst = new Bucket[0];

  /**
   * Per bucket, every key claimed into it (and, for buckets found at open, every key stored in it);
   * a claim may come before its bucket's column family exists.
   */
  private final ConcurrentHashMap<Long, SerialFilter> filters = new ConcurrentHashMap<>();

  /** The bucket claims go to now, and its filter: found without a map lookup per claim. */
  private record Claiming(long bucket, @Nullable SerialFilter filter) {}

  private volatile Claiming claiming = new Claiming(Long.MIN_VALUE, null);

  /** Buckets that start before this were dropped: records for them are no longer written. */
  private volatile long horizon = Long.MIN_VALUE;

  SerialBuckets(StoreDatabase store, long width, long windowMillis) {
    this.store = store;
    this.width = width;
    this.windowMillis = windowMillis;
    for (Map.Entry<String, ColumnFamilyHandle> e : store.foundBuckets.entrySet()) {
      adopt(startOf(e.getKey()), e.getValue());
    }
    publish();
  }

  static boolean isBucket(String cfName) {
    return cfName.startsWith(PREFIX);
  }

  private static long startOf(String cfName) {
    return Long.parseLong(cfName.substring(PREFIX.length()));
  }

  /**
   * A bucket found when the database was opened: its filter is filled from its keys, read into one
   * direct buffer (no array per key) with the block cache left alone.
   */
  private void adopt(long start, ColumnFamilyHandle handle) {
    SerialFilter f = filter(start);
    ByteBuffer key = ByteBuffer.allocateDirect(256);
    try (ReadOptions ro = new ReadOptions().setFillCache(false).setReadaheadSize(4 << 20);
        RocksIterator it = store.db.newIterator(handle, ro)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        key.clear();
        int n = it.key(key);
        if (n > key.capacity()) {
          key = ByteBuffer.allocateDirect(Integer.highestOneBit(n) << 1);
          key.limit(it.key(key));
        }
        f.add(key);
      }
    }
    buckets.put(start, new Bucket(start, handle, f));
  }

  private SerialFilter filter(long bucket) {
    return filters.computeIfAbsent(bucket, b -> new SerialFilter());
  }

  private void publish() {
    newestFirst = buckets.descendingMap().values().toArray(new Bucket[0]);
  }

  /**
   * Notes a key (by its {@link SerialFilter#hash}) claimed into {@code bucket}, before its record
   * can be written.
   */
  void claimed(long bucket, long keyHash) {
    Claiming c = claiming;
    SerialFilter f;
    if (c.bucket() == bucket) {
      f = c.filter();
    } else {
      f = filter(bucket);
      claiming = new Claiming(bucket, f);
    }
    f.add(keyHash);
  }

  long bucketOf(long millis) {
    return Math.floorDiv(millis, width) * width;
  }

  /** The latest record of {@code key}, or null; the caller holds {@link StoreDatabase#use}. */
  @Nullable Found find(byte[] key, long h) throws RocksDBException {
    for (Bucket b : newestFirst) {
      if (!b.filter().mightContain(h)) {
        continue;
      }
      byte[] v = store.db.get(b.handle(), key);
      if (v != null) {
        return new Found(SerialRecord.decode(new String(v, StandardCharsets.US_ASCII)), b.start());
      }
    }
    return null;
  }

  /**
   * The bucket's column family, created when missing; null when the bucket was dropped (its records
   * are past the window). The caller holds {@link StoreDatabase#use}.
   */
  @Nullable ColumnFamilyHandle forWrite(long bucket) throws RocksDBException {
    Bucket b = buckets.get(bucket);
    if (b != null) {
      return b.handle();
    }
    if (bucket < horizon) {
      return null;
    }
    synchronized (buckets) {
      b = buckets.get(bucket);
      if (b == null) {
        ColumnFamilyHandle h =
            store.db.createColumnFamily(
                new ColumnFamilyDescriptor(
                    (PREFIX + bucket).getBytes(StandardCharsets.US_ASCII), store.bucketOptions));
        b = new Bucket(bucket, h, filter(bucket));
        buckets.put(bucket, b);
        publish();
      }
      return b.handle();
    }
  }

  /**
   * Drops every bucket whose records are all older than the window, and creates the bucket new
   * claims go to now and next, so that claims on the event loops seldom wait for a column family to
   * be created. Returns about how many records were dropped.
   */
  long sweep(long nowMillis) throws RocksDBException {
    long dropped = 0;
    Map.Entry<Long, Bucket> oldest = buckets.firstEntry();
    if (oldest != null && expired(oldest.getKey(), nowMillis)) { // else no write lock: claims go on
      dropped = dropExpired(nowMillis);
    }
    Lock l = store.tryUse();
    if (l == null) {
      return dropped; // closed
    }
    try {
      forWrite(bucketOf(nowMillis));
      forWrite(bucketOf(nowMillis) + width);
    } finally {
      l.unlock();
    }
    return dropped;
  }

  private boolean expired(long start, long nowMillis) {
    return start + width <= nowMillis - windowMillis;
  }

  private long dropExpired(long nowMillis) throws RocksDBException {
    Lock l = store.exclusive();
    if (l == null) {
      return 0; // closed
    }
    long dropped = 0;
    try {
      while (!buckets.isEmpty() && expired(buckets.firstKey(), nowMillis)) {
        Bucket b = buckets.remove(buckets.firstKey());
        filters.remove(b.start());
        publish();
        dropped += store.db.getLongProperty(b.handle(), "rocksdb.estimate-num-keys");
        horizon = b.start() + width;
        store.db.dropColumnFamily(b.handle());
        b.handle().close();
      }
    } finally {
      l.unlock();
    }
    return dropped;
  }

  /** Buckets now held (tests). */
  int count() {
    return buckets.size();
  }

  /** Closes the handles; the caller holds {@link StoreDatabase#exclusive}. */
  void closeHandles() {
    buckets.values().forEach(b -> b.handle().close());
    buckets.clear();
    newestFirst = new Bucket[0];
  }
}
