package dev.ngsign.ngs.gateway.internal.report;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;

/**
 * The SERIAL de-duplication rules (issue 5): a SERIAL accepted less than the window ago is the same
 * message; one accepted earlier starts a new one. Records are stored in {@link SerialBuckets}; a
 * claim is first held here, in memory, until the batch that writes it has been written — a DELIVER
 * of the same SERIAL from another batch meanwhile is busy (its E_OK could outrun the original's
 * durability), one from the same batch a duplicate.
 *
 * <p>Key: {@code account NUL SERIAL} in UTF-8. Claims of one account are serialised by the caller.
 */
final class SerialWindow {
  private static final char SEP = '\u0000';

  private final StoreDatabase store;
  private final SerialBuckets buckets;
  private final long windowMillis;

  /** SERIALs claimed by a batch not yet written. */
  private final ConcurrentHashMap<String, PendingClaim> pendingClaims = new ConcurrentHashMap<>();

  /**
   * A claim waiting for its batch's write, with the record it will write (counts include the
   * batch's repeats).
   */
  private static final class PendingClaim {
    final StoreBatch batch;
    final long bucket;
    SerialRecord record;

    PendingClaim(StoreBatch batch, SerialRecord record, long bucket) {
      this.batch = batch;
      this.record = record;
      this.bucket = bucket;
    }
  }

  SerialWindow(StoreDatabase store, SerialBuckets buckets, long windowMillis) {
    this.store = store;
    this.buckets = buckets;
    this.windowMillis = windowMillis;
  }

  static String key(String account, String serial) {
    return account + SEP + serial;
  }

  /** The SERIAL's latest stored record, or null. */
  @Nullable SerialRecord stored(String account, String serial) {
    byte[] key = key(account, serial).getBytes(StandardCharsets.UTF_8);
    SerialBuckets.Found f = find(key, SerialFilter.hash(key));
    return f == null ? null : f.record();
  }

  private SerialBuckets.@Nullable Found find(byte[] key, long hash) {
    Lock l = store.use();
    try {
      return buckets.find(key, hash);
    } catch (RocksDBException e) {
      throw new StoreException("cannot read a SERIAL record: " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
  }

  /** See {@link ReportStore#claimSerial}. */
  SerialClaim claim(
      String account, String serial, String gwSerial, long nowMillis, StoreBatch batch) {
    String key = key(account, serial);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    long hash = SerialFilter.hash(keyBytes); // once, for the lookup and the claim
    PendingClaim pendingClaim = pendingClaims.get(key);
    SerialRecord prev;
    long prevBucket;
    if (pendingClaim != null) {
      if (pendingClaim.batch != batch) {
        return new SerialClaim(
            pendingClaim.record, null, key, keyBytes, null, pendingClaim.bucket, true);
      }
      prev = pendingClaim.record;
      prevBucket = pendingClaim.bucket;
    } else {
      SerialBuckets.Found f = find(keyBytes, hash);
      prev = f == null ? null : f.record();
      prevBucket = f == null ? 0 : f.bucket();
    }
    if (prev != null && nowMillis - prev.firstAcceptedMillis() < windowMillis) {
      SerialRecord counted =
          new SerialRecord(
              prev.gwSerial(),
              prev.firstAcceptedMillis(),
              prev.distinctMessages(),
              prev.acceptedDelivers() + 1);
      if (pendingClaim != null) {
        pendingClaim.record = counted;
      }
      batch.serials.add(new StoreBatch.SerialPut(prevBucket, keyBytes, counted.encode()));
      return new SerialClaim(prev, null, key, keyBytes, null, prevBucket, false);
    }
    SerialRecord next =
        prev == null
            ? new SerialRecord(gwSerial, nowMillis, 1, 1)
            : new SerialRecord(
                gwSerial, nowMillis, prev.distinctMessages() + 1, prev.acceptedDelivers() + 1);
    long bucket = buckets.bucketOf(nowMillis);
    // before the record can be written: the filter never misses a stored key
    buckets.claimed(bucket, hash);
    pendingClaims.put(key, new PendingClaim(batch, next, bucket));
    SerialClaim c = new SerialClaim(null, prev, key, keyBytes, next, bucket, false);
    batch.claims.add(c);
    return c;
  }

  /** See {@link ReportStore#releaseSerial}. */
  void release(SerialClaim claim, StoreBatch batch) {
    if (claim.isDuplicate() || claim.isBusy()) {
      return;
    }
    pendingClaims.computeIfPresent(claim.key(), (k, p) -> p.batch == batch ? null : p);
    batch.claims.remove(claim);
  }

  /** The batch was written (or failed): its claims are no longer held here. */
  void settled(StoreBatch batch) {
    for (SerialClaim c : batch.claims) {
      pendingClaims.computeIfPresent(c.key(), (k, p) -> p.batch == batch ? null : p);
    }
  }
}
