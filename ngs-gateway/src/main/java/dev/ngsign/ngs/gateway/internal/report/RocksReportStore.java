package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReportStore} on RocksDB. Column families:
 *
 * <ul>
 *   <li>{@code reports}: waiting reports ({@link StoredReport}); an acknowledgement deletes the
 *       key;
 *   <li>{@code serials-<start>}: SERIAL records of one time bucket ({@link SerialBuckets}), {@code
 *       account NUL SERIAL} → {@link SerialRecord};
 *   <li>{@code counters}: unsigned 64-bit sums kept by RocksDB's {@code uint64add} merge operator —
 *       reports waiting per account ({@code p<account>}) and quota use per account and month
 *       ({@code q<account> NUL yyyy-MM}); every batch merges its deltas with its records,
 *       atomically;
 *   <li>{@code default}: the GWSERIAL reservation.
 * </ul>
 *
 * <p>A batch is one {@link WriteBatch}, written to the write-ahead log and the memtables in one
 * {@code write} — the engine's atomic unit. Without {@code fsync} the log write goes to the
 * operating system's page cache: a killed gateway loses nothing written, a lost machine may.
 *
 * <p>Memory: block cache and memtables are RocksDB's, off the Java heap, bounded by {@link
 * StoreOptions} (the memtables through a write buffer manager that charges the cache). The heap
 * holds only counters per account and the claims of batches not yet written.
 */
final class RocksReportStore implements ReportStore {
  private static final Logger log = LoggerFactory.getLogger(RocksReportStore.class);
  private static final byte[] REPORTS = "reports".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COUNTERS = "counters".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GW_RESERVED = "gwserial.reserved".getBytes(StandardCharsets.US_ASCII);
  private static final long GW_BLOCK = 1_000_000L;
  private static final char SEP = '\u0000';

  /** Files of the builds before RocksDB: a log of our own, or H2 MVStore. */
  private static final List<String> OLDER_FORMATS =
      List.of("store-*.log", "gateway.mv.db", "journal-*.log", "gateway.mv.db.migrated");

  static {
    RocksDB.loadLibrary();
  }

  private final StoreOptions options;
  private final Path dir;
  private final Path temporaryDir;
  private final long windowMillis;
  private final List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private final ColumnFamilyHandle reports;
  private final ColumnFamilyHandle counters;
  private final ColumnFamilyHandle meta;
  private final SerialBuckets serials;
  private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
  private final AtomicLong pendingTotal = new AtomicLong();
  private final AtomicLong gwSeq;
  private volatile long gwReserved; // written under this

  /**
   * SERIALs claimed by a batch not yet written; a claim of another batch is busy, of the same a
   * duplicate.
   */
  private final ConcurrentHashMap<String, PendingClaim> pendingClaims = new ConcurrentHashMap<>();

  /** Reports whose deletion is in a batch not yet written: acknowledged once only. */
  private final Set<String> pendingAcks = ConcurrentHashMap.newKeySet();

  private boolean closed; // guarded by the write side of serials' lock

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

  static RocksReportStore open(StoreOptions options, long nowMillis) {
    Path temporary = null;
    Path dir = options.dataDir();
    try {
      if (dir == null) {
        temporary = Files.createTempDirectory("ngs-gateway-store-");
        dir = temporary;
      } else {
        Files.createDirectories(dir);
        refuseOlderFormat(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
    return new RocksReportStore(options, dir, temporary, nowMillis);
  }

  private static void refuseOlderFormat(Path dir) throws IOException {
    for (String glob : OLDER_FORMATS) {
      try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
        for (Path p : found) {
          throw new StoreException(
              "data directory "
                  + dir
                  + " was written by an older ngsign gateway ("
                  + p.getFileName()
                  + "); this build keeps its store in RocksDB and cannot read it. To start fresh (pending reports and "
                  + "remembered SERIALs are lost), move the directory away or give a new --data-dir");
        }
      }
    }
  }

  private RocksReportStore(StoreOptions options, Path dir, Path temporaryDir, long nowMillis) {
    this.options = options;
    this.dir = dir;
    this.temporaryDir = temporaryDir;
    this.windowMillis = options.windowMillis();
    long cacheBytes = options.cacheMb() * (1L << 20);
    long writeBufferBytes = options.writeBufferMb() * (1L << 20);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      // one cache for blocks and memtables: the memtables are charged to it, so the two together
      // stay bounded
      LRUCache cache = keep(new LRUCache(cacheBytes + writeBufferBytes));
      WriteBufferManager buffers = keep(new WriteBufferManager(writeBufferBytes, cache));
      DBOptions dbOptions =
          keep(
              new DBOptions()
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setWriteBufferManager(buffers)
                  .setMaxBackgroundJobs(2)
                  .setMaxTotalWalSize(2 * writeBufferBytes)
                  .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                  .setKeepLogFileNum(2)
                  .setMaxLogFileSize(1L << 20)
                  .setStatsDumpPeriodSec(0)
                  // start-up: what the log holds stays in the memtables instead of being flushed
                  // before "ready"
                  .setAvoidFlushDuringRecovery(true));
      BlockBasedTableConfig table =
          new BlockBasedTableConfig()
              .setBlockCache(cache)
              .setFilterPolicy(keep(new BloomFilter(10)))
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true);
      ColumnFamilyOptions reportOptions =
          keep(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(table)
                  .setWriteBufferSize(writeBufferBytes / 4)
                  .setCompressionType(CompressionType.LZ4_COMPRESSION)
                  .setLevelCompactionDynamicLevelBytes(true));
      ColumnFamilyOptions serialOptions =
          keep(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(table)
                  .setWriteBufferSize(writeBufferBytes / 4)
                  .setCompressionType(CompressionType.LZ4_COMPRESSION)
                  .setLevelCompactionDynamicLevelBytes(true)
                  // a new SERIAL is looked up in every bucket: the memtable's own Bloom filter
                  // answers "absent" cheaply
                  .setMemtablePrefixBloomSizeRatio(0.1)
                  .setMemtableWholeKeyFiltering(true));
      ColumnFamilyOptions counterOptions =
          keep(
              new ColumnFamilyOptions()
                  .setMergeOperator(keep(new UInt64AddOperator()))
                  .setWriteBufferSize(1 << 20));
      ColumnFamilyOptions metaOptions = keep(new ColumnFamilyOptions().setWriteBufferSize(1 << 20));

      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, metaOptions));
      descriptors.add(new ColumnFamilyDescriptor(REPORTS, reportOptions));
      descriptors.add(new ColumnFamilyDescriptor(COUNTERS, counterOptions));
      List<Long> bucketStarts = new ArrayList<>();
      for (String name : existingColumnFamilies(dir)) {
        if (SerialBuckets.isBucket(name)) {
          descriptors.add(
              new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII), serialOptions));
          bucketStarts.add(SerialBuckets.startOf(name));
        }
      }
      this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      this.writeOptions = keep(new WriteOptions().setSync(options.fsync()));
      this.meta = handles.get(0);
      this.reports = handles.get(1);
      this.counters = handles.get(2);
      this.serials =
          new SerialBuckets(db, serialOptions, options.effectiveBucketMillis(), windowMillis);
      for (int i = 0; i < bucketStarts.size(); i++) {
        serials.adopt(bucketStarts.get(i), handles.get(3 + i));
      }
      loadPendingCounts();
      byte[] reserved = db.get(meta, GW_RESERVED);
      long start =
          Math.max(
              reserved == null
                  ? 0
                  : Long.parseLong(new String(reserved, StandardCharsets.US_ASCII)),
              (nowMillis / 1000) * 100_000L);
      this.gwSeq = new AtomicLong(start);
      this.gwReserved = start;
      reserve(start + GW_BLOCK);
    } catch (RocksDBException | RuntimeException e) {
      handles.forEach(ColumnFamilyHandle::close);
      closeResources();
      deleteTemporary();
      throw new StoreException(
          "cannot open the gateway store in " + dir + ": " + e.getMessage(), e);
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private static List<String> existingColumnFamilies(Path dir) throws RocksDBException {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options o = new Options()) {
      List<String> names = new ArrayList<>();
      for (byte[] n : RocksDB.listColumnFamilies(o, dir.toString())) {
        names.add(new String(n, StandardCharsets.US_ASCII));
      }
      return names;
    }
  }

  private void loadPendingCounts() throws RocksDBException {
    try (RocksIterator it = db.newIterator(counters)) {
      for (it.seek(new byte[] {'p'}); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (k[0] != 'p') {
          break;
        }
        long n = uint64(it.value());
        if (n != 0) {
          pending.put(new String(k, 1, k.length - 1, StandardCharsets.UTF_8), new AtomicLong(n));
          pendingTotal.addAndGet(n);
        }
      }
      it.status();
    }
  }

  /**
   * Takes the read side of the store's lock: the database stays open (and no bucket is dropped)
   * until unlocked.
   */
  private Lock use() {
    Lock l = serials.readLock();
    l.lock();
    if (closed) {
      l.unlock();
      throw new StoreException("the gateway store in " + dir + " is closed");
    }
    return l;
  }

  // ---- counters: 8-byte little-endian, RocksDB's uint64add; a negative delta wraps as two's
  // complement ----

  private static byte[] uint64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static long uint64(byte[] b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  private static String pendingCounter(String account) {
    return "p" + account;
  }

  private static String quotaCounter(String account, YearMonth month) {
    return "q" + account + SEP + month;
  }

  // ---- GWSERIAL ----

  @Override
  public String nextGwSerial() {
    long n = gwSeq.incrementAndGet();
    if (n >= gwReserved) {
      reserve(n + GW_BLOCK);
    }
    String digits = Long.toString(n % 1_000_000_000_000_000L);
    return "0".repeat(15 - digits.length()) + digits;
  }

  /** Written before any GWSERIAL of the block can be acknowledged. */
  private synchronized void reserve(long upTo) {
    if (upTo <= gwReserved) {
      return;
    }
    try {
      db.put(
          meta, writeOptions, GW_RESERVED, Long.toString(upTo).getBytes(StandardCharsets.US_ASCII));
    } catch (RocksDBException e) {
      throw new StoreException("cannot reserve GWSERIALs: " + e.getMessage(), e);
    }
    gwReserved = upTo;
  }

  // ---- SERIALs ----

  private static String serialKey(String account, String serial) {
    return account + SEP + serial;
  }

  @Override
  public SerialRecord serial(String account, String serial) {
    SerialBuckets.Found f = stored(serialKey(account, serial));
    return f == null ? null : f.record();
  }

  private SerialBuckets.Found stored(String key) {
    return stored(key.getBytes(StandardCharsets.UTF_8));
  }

  private SerialBuckets.Found stored(byte[] key) {
    Lock l = use();
    try {
      return serials.find(key);
    } catch (RocksDBException e) {
      throw new StoreException("cannot read a SERIAL record: " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public SerialClaim claimSerial(
      String account, String serial, String gwSerial, long nowMillis, StoreBatch batch) {
    String key = serialKey(account, serial);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
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
      SerialBuckets.Found f = stored(keyBytes);
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
    long bucket = serials.bucketOf(nowMillis);
    serials.claimed(
        bucket, keyBytes); // before the record can be written: the filter never misses a stored key
    pendingClaims.put(key, new PendingClaim(batch, next, bucket));
    SerialClaim c = new SerialClaim(null, prev, key, keyBytes, next, bucket, false);
    batch.claims.add(c);
    return c;
  }

  @Override
  public void releaseSerial(SerialClaim claim, StoreBatch batch) {
    if (claim.isDuplicate() || claim.isBusy()) {
      return;
    }
    pendingClaims.computeIfPresent(claim.key(), (k, p) -> p.batch == batch ? null : p);
    batch.claims.remove(claim);
  }

  @Override
  public long sweepSerials(long nowMillis) {
    try {
      return serials.sweep(nowMillis);
    } catch (RocksDBException e) {
      throw new StoreException("cannot drop expired SERIAL buckets: " + e.getMessage(), e);
    }
  }

  /** SERIAL buckets held (tests). */
  int serialBuckets() {
    return serials.count();
  }

  // ---- reports ----

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
            StoredReport.key(account, dueAtMillis, Long.parseLong(report.gwSerial())),
            StoredReport.encode(report)));
    batch.countMessage(account, quotaMonth);
  }

  @Override
  public void write(StoreBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    Lock l = use();
    try (WriteBatch wb = new WriteBatch()) {
      for (StoreBatch.SerialPut p : batch.serials) {
        ColumnFamilyHandle h = serials.forWrite(p.bucket());
        if (h != null) { // else: the bucket expired and was dropped since the claim, and the record
          // with it
          wb.put(h, p.key(), p.value());
        }
      }
      for (StoreBatch.ReportPut r : batch.reports) {
        wb.put(reports, r.key(), r.value());
      }
      for (byte[] k : batch.acks) {
        wb.delete(reports, k);
      }
      for (StoreBatch.MessageCount c : batch.messageCounts) {
        wb.merge(
            counters, pendingCounter(c.account).getBytes(StandardCharsets.UTF_8), uint64(c.count));
        wb.merge(
            counters,
            quotaCounter(c.account, c.month).getBytes(StandardCharsets.UTF_8),
            uint64(c.count));
      }
      for (Map.Entry<String, Long> c : batch.acksPerAccount.entrySet()) {
        wb.merge(
            counters,
            pendingCounter(c.getKey()).getBytes(StandardCharsets.UTF_8),
            uint64(-c.getValue()));
      }
      if (wb.count() > 0) {
        db.write(writeOptions, wb);
      }
      for (StoreBatch.ReportPut r : batch.reports) {
        pending.computeIfAbsent(r.account(), a -> new AtomicLong()).incrementAndGet();
      }
      pendingTotal.addAndGet(batch.reports.size());
    } catch (RocksDBException e) {
      throw new StoreException("store write failed: " + e.getMessage(), e);
    } finally {
      l.unlock();
      for (SerialClaim c : batch.claims) {
        pendingClaims.computeIfPresent(c.key(), (k, p) -> p.batch == batch ? null : p);
      }
      for (byte[] k : batch.acks) {
        pendingAcks.remove(new String(k, StandardCharsets.ISO_8859_1));
      }
      batch.clear();
    }
  }

  @Override
  public List<PendingReport> due(String account, PendingReport after, long nowMillis, int max) {
    if (max <= 0 || pending(account) == 0) {
      return List.of();
    }
    byte[] prefix = StoredReport.prefix(account);
    byte[] from =
        after == null ? prefix : StoredReport.key(prefix, after.dueAt(), after.gwSerial());
    byte[] upper =
        StoredReport.key(prefix, nowMillis == Long.MAX_VALUE ? nowMillis : nowMillis + 1, -1);
    List<PendingReport> out = new ArrayList<>();
    Lock l = use();
    try (Slice bound = new Slice(upper);
        ReadOptions ro = new ReadOptions().setIterateUpperBound(bound);
        RocksIterator it = db.newIterator(reports, ro)) {
      it.seek(from);
      if (after != null && it.isValid() && Arrays.equals(it.key(), from)) {
        it.next();
      }
      for (; it.isValid() && out.size() < max; it.next()) {
        byte[] k = it.key();
        out.add(
            new PendingReport(
                StoredReport.dueAt(k, prefix.length),
                StoredReport.gwSerial(k, prefix.length),
                StoredReport.decode(it.value())));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("cannot read the reports of " + account + ": " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
    return out;
  }

  @Override
  public boolean acknowledge(String account, PendingReport report, StoreBatch batch) {
    byte[] k = StoredReport.key(account, report.dueAt(), report.gwSerial());
    String id = new String(k, StandardCharsets.ISO_8859_1);
    if (!pendingAcks.add(id)) {
      return false; // another batch deletes it already
    }
    Lock l = use();
    try {
      if (db.get(reports, k) == null) {
        pendingAcks.remove(id);
        return false;
      }
    } catch (RocksDBException e) {
      pendingAcks.remove(id);
      throw new StoreException("cannot read a report of " + account + ": " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
    batch.acks.add(k);
    batch.acksPerAccount.merge(account, 1L, Long::sum);
    AtomicLong n = pending.get(account);
    if (n != null) {
      n.decrementAndGet();
    }
    pendingTotal.decrementAndGet();
    return true;
  }

  @Override
  public long pending(String account) {
    AtomicLong n = pending.get(account);
    return n == null ? 0 : n.get();
  }

  @Override
  public long pendingTotal() {
    return pendingTotal.get();
  }

  // ---- quota ----

  @Override
  public Map<String, Map.Entry<YearMonth, Long>> quotas() {
    Map<String, Map.Entry<YearMonth, Long>> out = new HashMap<>();
    Lock l = use();
    try (RocksIterator it = db.newIterator(counters)) {
      for (it.seek(new byte[] {'q'}); it.isValid(); it.next()) {
        String k = new String(it.key(), StandardCharsets.UTF_8);
        if (k.charAt(0) != 'q') {
          break;
        }
        int sep = k.indexOf(SEP);
        String account = k.substring(1, sep);
        YearMonth month = YearMonth.parse(k.substring(sep + 1));
        long used = uint64(it.value());
        out.merge(
            account, Map.entry(month, used), (a, b) -> a.getKey().isAfter(b.getKey()) ? a : b);
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("cannot read quota counts: " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
    return out;
  }

  // ---- files ----

  @Override
  public long diskBytes() {
    long n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        try {
          n += Files.size(p);
        } catch (IOException e) {
          // deleted while listed (a compaction's input): not held any more
        }
      }
    } catch (IOException e) {
      log.debug("cannot list {}", dir, e);
    }
    return n;
  }

  /**
   * Copies the data directory as a kill -9 at this moment would leave it (tests): file deletions
   * are held while the files are copied, the manifest first and the write-ahead logs last, so the
   * copy holds every write that returned before the copy began.
   */
  Path copyAsIfKilled(Path target) throws IOException {
    try {
      db.disableFileDeletions();
    } catch (RocksDBException e) {
      throw new IOException(e);
    }
    try {
      Files.createDirectories(target);
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = new ArrayList<>(s.toList());
      }
      files.sort(
          Comparator.comparingInt(RocksReportStore::copyOrder).thenComparing(Path::toString));
      for (Path f : files) {
        try {
          Files.copy(f, target.resolve(f.getFileName()));
        } catch (java.nio.file.NoSuchFileException gone) {
          // an info log rolled over, or a temporary file: not part of the state
        }
      }
      return target;
    } finally {
      try {
        db.enableFileDeletions();
      } catch (RocksDBException e) {
        log.warn("cannot enable file deletions again", e);
      }
    }
  }

  private static int copyOrder(Path p) {
    String n = p.getFileName().toString();
    if (n.equals("CURRENT")) {
      return 0;
    }
    if (n.startsWith("MANIFEST") || n.startsWith("OPTIONS")) {
      return 1;
    }
    return n.endsWith(".log") ? 3 : 2;
  }

  @Override
  public void close() {
    Lock l = serials.writeLock();
    l.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeDatabase();
    } finally {
      l.unlock();
    }
  }

  private void closeDatabase() {
    serials.close();
    reports.close();
    counters.close();
    meta.close();
    try {
      db.closeE();
    } catch (RocksDBException e) {
      log.warn("closing the store in {} failed: {}", dir, e.getMessage());
    }
    closeResources();
    deleteTemporary();
  }

  private void closeResources() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.debug("closing a store resource failed", e);
      }
    }
    resources.clear();
  }

  private void deleteTemporary() {
    if (temporaryDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(temporaryDir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("cannot delete the store's temporary directory {}", temporaryDir, e);
    }
  }
}
