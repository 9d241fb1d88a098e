package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReportStore} on RocksDB, put together from one class per concern:
 *
 * <ul>
 *   <li>{@link StoreDatabase}: the engine, its tuning and files;
 *   <li>{@link SerialWindow} and {@link SerialBuckets}: SERIAL claims and the de-duplication window
 *       as column families per time bucket, dropped whole when they expire;
 *   <li>{@link ReportFamilies} and {@link StoredReport}: waiting reports in a column family per
 *       account, keyed so that they sort in due order; an acknowledgement deletes the key;
 *   <li>{@link StoreCounters}: waiting reports per account and quota use per month;
 *   <li>{@link GwSerials}: the GWSERIAL sequence.
 * </ul>
 *
 * <p>A {@link StoreBatch} becomes one {@link WriteBatch} (put together in Java: {@link
 * EncodedBatch}), written to the write-ahead log and the memtables in one {@code write} — the
 * engine's atomic unit. Without {@code fsync} the log write goes to the operating system's page
 * cache: a killed gateway loses nothing written, a lost machine may.
 *
 * <p>Memory: block cache and memtables are RocksDB's, off the Java heap, bounded by {@link
 * StoreOptions}. The heap holds counters per account, a Bloom filter per SERIAL bucket (2 bytes per
 * SERIAL) and the claims of batches not yet written.
 */
final class RocksReportStore implements ReportStore {
  private static final Logger log = LoggerFactory.getLogger(RocksReportStore.class);

  private final StoreDatabase store;
  private final SerialBuckets buckets;
  private final SerialWindow serials;
  private final ReportFamilies reports;
  private final StoreCounters counters;
  private final GwSerials gwSerials;

  /** Reports with a session, or acknowledged in a batch not yet written. */
  private final ReportsInFlight inFlight = new ReportsInFlight();

  static RocksReportStore open(StoreOptions options, long nowMillis) {
    long started = System.nanoTime();
    StoreDatabase store = StoreDatabase.open(options);
    try {
      RocksReportStore s = new RocksReportStore(store, options, nowMillis);
      log.info(
          "store opened in {} ms: {} SERIAL buckets, {} reports waiting, {} MB on disk",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          s.buckets.count(),
          s.counters.pendingTotal(),
          store.diskBytes() >> 20);
      return s;
    } catch (RocksDBException | RuntimeException e) {
      store.close();
      throw new StoreException(
          "cannot open the gateway store in " + store.dir() + ": " + e.getMessage(), e);
    }
  }

  private RocksReportStore(StoreDatabase store, StoreOptions options, long nowMillis)
      throws RocksDBException {
    this.store = store;
    this.buckets =
        new SerialBuckets(store, options.effectiveBucketMillis(), options.windowMillis());
    this.serials = new SerialWindow(store, buckets, options.windowMillis());
    this.reports = new ReportFamilies(store);
    this.counters = new StoreCounters(store);
    this.gwSerials = new GwSerials(store, nowMillis);
  }

  @Override
  public String nextGwSerial() {
    return gwSerials.next();
  }

  @Override
  public SerialRecord serial(String account, String serial) {
    return serials.stored(account, serial);
  }

  @Override
  public SerialClaim claimSerial(
      String account, String serial, String gwSerial, long nowMillis, StoreBatch batch) {
    return serials.claim(account, serial, gwSerial, nowMillis, batch);
  }

  @Override
  public void releaseSerial(SerialClaim claim, StoreBatch batch) {
    serials.release(claim, batch);
  }

  @Override
  public long sweepSerials(long nowMillis) {
    try {
      return buckets.sweep(nowMillis);
    } catch (RocksDBException e) {
      throw new StoreException("cannot drop expired SERIAL buckets: " + e.getMessage(), e);
    }
  }

  /** SERIAL buckets held (tests). */
  int serialBuckets() {
    return buckets.count();
  }

  @Override
  public void storeReport(
      String account,
      Report report,
      long dueAtMillis,
      YearMonth quotaMonth,
      SerialClaim claim,
      StoreBatch batch) {
    batch.serials.add(
        new StoreBatch.SerialPut(claim.bucket(), claim.keyBytes(), claim.record().encode()));
    batch.reports.add(
        new StoreBatch.ReportPut(
            account,
            StoredReport.key(dueAtMillis, Long.parseLong(report.gwSerial())),
            StoredReport.encode(report)));
    batch.countMessage(account, quotaMonth);
  }

  @Override
  public void write(StoreBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    EncodedBatch wb = batch.encoded;
    Lock l = null;
    boolean written = false;
    try {
      l = store.use();
      for (StoreBatch.SerialPut p : batch.serials) {
        ColumnFamilyHandle h = buckets.forWrite(p.bucket());
        if (h != null) { // else the bucket expired and was dropped since the claim, with the record
          wb.put(h, p.key(), p.value());
        }
      }
      String account = null; // a batch's reports are almost always one account's
      ColumnFamilyHandle family = null;
      for (StoreBatch.ReportPut r : batch.reports) {
        if (!r.account().equals(account)) {
          account = r.account();
          family = reports.forWrite(account);
        }
        wb.put(family, r.key(), r.value());
      }
      for (StoreBatch.ReportKey k : batch.acks) {
        ColumnFamilyHandle h = reports.find(k.account());
        if (h != null) { // put once, deleted once (ReportsInFlight): the pair vanishes in a flush
          wb.singleDelete(h, StoredReport.key(k.dueAt(), k.gwSerial()));
        }
      }
      counters.merge(batch, wb);
      if (wb.count() > 0) {
        try (WriteBatch b = wb.toWriteBatch()) {
          store.write(b);
        }
      }
      written = true;
      counters.written(batch);
    } catch (RocksDBException e) {
      throw new StoreException("store write failed: " + e.getMessage(), e);
    } finally {
      if (l != null) {
        l.unlock();
      }
      if (!written) {
        counters.unacknowledged(batch); // the reports are stored still and will be sent again
      }
      wb.clear();
      serials.settled(batch);
      inFlight.deleted(batch.acks);
      batch.clear();
    }
  }

  @Override
  public List<PendingReport> due(String account, PendingReport after, long nowMillis, int max) {
    return read(account, after, nowMillis, max, null);
  }

  @Override
  public List<PendingReport> take(String account, PendingReport after, long nowMillis, int max) {
    if (max <= 0 || pending(account) == 0) {
      return List.of();
    }
    ReportsInFlight.Account taken = inFlight.of(account);
    synchronized (taken) { // no deletion leaves the registry while this iterator may still see it
      return read(account, after, nowMillis, max, taken);
    }
  }

  /** Due reports in order; with {@code taker}, taken, up to the first that another session has. */
  private List<PendingReport> read(
      String account,
      @Nullable PendingReport after,
      long nowMillis,
      int max,
      ReportsInFlight.@Nullable Account taker) {
    if (max <= 0 || pending(account) == 0) {
      return List.of();
    }
    byte[] from = after == null ? null : StoredReport.key(after.dueAt(), after.gwSerial());
    byte[] upper = StoredReport.bound(nowMillis == Long.MAX_VALUE ? nowMillis : nowMillis + 1);
    List<PendingReport> out = new ArrayList<>();
    Lock l = store.use();
    try (Slice bound = new Slice(upper);
        ReadOptions ro = new ReadOptions().setIterateUpperBound(bound)) {
      ColumnFamilyHandle h = reports.find(account);
      if (h == null) {
        return out;
      }
      try (RocksIterator it = store.db.newIterator(h, ro)) {
        if (from == null) {
          it.seekToFirst();
        } else {
          it.seek(from);
          if (it.isValid() && Arrays.equals(it.key(), from)) {
            it.next();
          }
        }
        for (; it.isValid() && out.size() < max; it.next()) {
          byte[] k = it.key();
          long gwSerial = StoredReport.gwSerial(k);
          if (taker != null && !taker.take(gwSerial)) {
            break; // another session has it: the rest wait, in due order, until it is given back
          }
          out.add(
              new PendingReport(StoredReport.dueAt(k), gwSerial, StoredReport.decode(it.value())));
        }
        it.status();
      }
    } catch (RocksDBException | RuntimeException e) {
      if (taker != null) {
        for (PendingReport p : out) {
          inFlight.release(account, p.gwSerial());
        }
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot read the reports of " + account + ": " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
    return out;
  }

  @Override
  public boolean acknowledge(String account, PendingReport report, StoreBatch batch) {
    if (!inFlight.acknowledge(account, report.gwSerial())) {
      return false; // not taken, or its deletion is in a batch already
    }
    batch.acks.add(new StoreBatch.ReportKey(account, report.dueAt(), report.gwSerial()));
    batch.acksPerAccount.merge(account, 1L, Long::sum);
    counters.acknowledged(account);
    return true;
  }

  @Override
  public void release(String account, Collection<PendingReport> reports) {
    for (PendingReport p : reports) {
      inFlight.release(account, p.gwSerial());
    }
  }

  /** Reports of the account taken or acknowledged and not yet written (tests). */
  int inFlight(String account) {
    return inFlight.size(account);
  }

  @Override
  public long pending(String account) {
    return counters.pending(account);
  }

  @Override
  public long pendingTotal() {
    return counters.pendingTotal();
  }

  @Override
  public Map<String, Map.Entry<YearMonth, Long>> quotas() {
    return counters.quotas();
  }

  @Override
  public long diskBytes() {
    return store.diskBytes();
  }

  /** See {@link StoreDatabase#copyAsIfKilled} (tests). */
  Path copyAsIfKilled(Path target) throws IOException {
    return store.copyAsIfKilled(target);
  }

  @Override
  public void close() {
    store.close(
        () -> {
          buckets.closeHandles();
          reports.closeHandles();
        });
  }
}
