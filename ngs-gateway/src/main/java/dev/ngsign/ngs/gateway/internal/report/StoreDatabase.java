package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB instance under the store: its directory, its tuning, its fixed column families
 * ({@code default} for the GWSERIAL reservation, {@code counters}) and the options of the column
 * families that {@link ReportFamilies} (one per account) and {@link SerialBuckets} (one per time
 * bucket, dropped whole) create.
 *
 * <p>Tuning, and why:
 *
 * <ul>
 *   <li>one LRU cache for blocks and memtables: a write buffer manager charges the memtables to it,
 *       so both together stay within {@code cacheMb + writeBufferMb}, off the Java heap;
 *   <li>no concurrent memtable writes: the writes that meet in RocksDB's write group are inserted
 *       by its leader one after the other, which lets each skip list use its sequential insert hint
 *       (an account's reports arrive in key order); a concurrent insert searches the list from the
 *       top every time. On two cores the event loops gained nothing from inserting in parallel.
 *       With {@code enable_pipelined_write} a write's log record goes out while the previous group
 *       is still being inserted: without it one event loop waited for the other's inserts, and the
 *       DELIVER_ACK p99 at 50,000 msg/s rose by about half a millisecond;
 *   <li>the SERIAL buckets are short-lived (dropped whole when the window passes): no compression
 *       (compressing at flush and compaction costs CPU the event loops need), Bloom filters in
 *       their SST files for whole keys, a level 0 four times deeper than the default before a
 *       compaction. No memtable Bloom filter: {@link SerialWindow}'s own filter already keeps new
 *       SERIALs (the common case) away from the engine;
 *   <li>reports are deleted soon after they are sent: compressed (LZ4) only when a compaction
 *       writes them into the bottom level (a file moved down whole stays as flushed); no Bloom
 *       filter (see {@link ReportFamilies});
 *   <li>{@code avoid_flush_during_recovery}: at start-up what the log holds stays in the memtables
 *       instead of being written to SST files before the gateway is ready;
 *   <li>a temporary store (no data directory; deleted on close) writes no write-ahead log and does
 *       not flush on close: nothing in it can outlive the process.
 * </ul>
 *
 * <p>The read side of a read-write lock ({@link #use}) keeps the database open and no column family
 * dropped while held; dropping a bucket and closing take the write side ({@link #exclusive}).
 */
final class StoreDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreDatabase.class);

  /** The one reports column family of the first RocksDB builds (before {@link ReportFamilies}). */
  private static final String SHARED_REPORTS = "reports";

  private static final byte[] COUNTERS = "counters".getBytes(StandardCharsets.US_ASCII);

  /** Files of the builds before RocksDB: a log of our own, or H2 MVStore. */
  private static final List<String> OLDER_FORMATS =
      List.of("store-*.log", "gateway.mv.db", "journal-*.log", "gateway.mv.db.migrated");

  static {
    RocksDB.loadLibrary();
  }

  final RocksDB db;
  final ColumnFamilyHandle meta;
  final ColumnFamilyHandle counters;

  /** Options of every SERIAL bucket's column family. */
  final ColumnFamilyOptions bucketOptions;

  /** Options of every account's reports column family. */
  final ColumnFamilyOptions reportOptions;

  /** Bucket column families found at open: name → handle. */
  final Map<String, ColumnFamilyHandle> foundBuckets = new LinkedHashMap<>();

  /** Reports column families found at open: name → handle. */
  final Map<String, ColumnFamilyHandle> foundReports = new LinkedHashMap<>();

  private final Path dir;
  private final Path temporaryDir;
  private final WriteOptions writeOptions;
  private final List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by the write lock

  /** Opens (or creates) the database in {@code options}' data directory, or in a temporary one. */
  static StoreDatabase open(StoreOptions options) {
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
    return new StoreDatabase(options, dir, temporary);
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
                  + "); this build keeps its store in RocksDB and cannot read it. To start fresh"
                  + " (pending reports and remembered SERIALs are lost), move the directory away"
                  + " or give a new --data-dir");
        }
      }
    }
  }

  private StoreDatabase(StoreOptions options, Path dir, Path temporaryDir) {
    this.dir = dir;
    this.temporaryDir = temporaryDir;
    long cacheBytes = options.cacheMb() * (1L << 20);
    long writeBufferBytes = options.writeBufferMb() * (1L << 20);
    try {
      LRUCache cache = keep(new LRUCache(cacheBytes + writeBufferBytes));
      WriteBufferManager buffers = keep(new WriteBufferManager(writeBufferBytes, cache));
      DBOptions dbOptions =
          keep(
              new DBOptions()
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setWriteBufferManager(buffers)
                  .setAllowConcurrentMemtableWrite(false)
                  .setEnablePipelinedWrite(true)
                  .setMaxBackgroundJobs(2)
                  .setMaxTotalWalSize(2 * writeBufferBytes)
                  .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                  .setKeepLogFileNum(2)
                  .setMaxLogFileSize(1L << 20)
                  .setStatsDumpPeriodSec(0)
                  .setAvoidFlushDuringRecovery(true)
                  .setAvoidFlushDuringShutdown(temporaryDir != null));
      BlockBasedTableConfig table =
          new BlockBasedTableConfig()
              .setBlockCache(cache)
              .setFilterPolicy(keep(new BloomFilter(10)))
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true);
      // an account's report files hold disjoint key ranges: the index finds the one file a key can
      // be in, a Bloom filter would only cost CPU at each flush
      BlockBasedTableConfig reportTable =
          new BlockBasedTableConfig()
              .setBlockCache(cache)
              .setCacheIndexAndFilterBlocks(true)
              .setPinL0FilterAndIndexBlocksInCache(true);
      this.reportOptions =
          keep(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(reportTable)
                  .setWriteBufferSize(writeBufferBytes / 4)
                  .setCompressionType(CompressionType.NO_COMPRESSION)
                  .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                  .setLevelCompactionDynamicLevelBytes(true));
      this.bucketOptions =
          keep(
              new ColumnFamilyOptions()
                  .setTableFormatConfig(table)
                  .setWriteBufferSize(writeBufferBytes / 4)
                  .setCompressionType(CompressionType.NO_COMPRESSION)
                  .setLevelCompactionDynamicLevelBytes(true)
                  // records are never deleted, only dropped with their bucket, and read only
                  // when SerialWindow's filter says "maybe": compacting only buys fewer files to
                  // ask, so let level 0 grow 4 times further than by default before merging
                  .setLevel0FileNumCompactionTrigger(16)
                  .setLevel0SlowdownWritesTrigger(48)
                  .setLevel0StopWritesTrigger(64));
      ColumnFamilyOptions counterOptions =
          keep(
              new ColumnFamilyOptions()
                  .setMergeOperator(keep(new UInt64AddOperator()))
                  .setWriteBufferSize(1 << 20));
      ColumnFamilyOptions metaOptions = keep(new ColumnFamilyOptions().setWriteBufferSize(1 << 20));

      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, metaOptions));
      descriptors.add(new ColumnFamilyDescriptor(COUNTERS, counterOptions));
      List<String> names = new ArrayList<>();
      for (String name : existingColumnFamilies(dir)) {
        if (name.equals(SHARED_REPORTS)) {
          throw new StoreException(
              "data directory "
                  + dir
                  + " was written by an earlier build of this store (one reports column family"
                  + " for all accounts) and cannot be read. To start fresh (pending reports and"
                  + " remembered SERIALs are lost), move the directory away or give a new"
                  + " --data-dir");
        }
        ColumnFamilyOptions o =
            SerialBuckets.isBucket(name)
                ? bucketOptions
                : ReportFamilies.isReports(name) ? reportOptions : null;
        if (o != null) {
          descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII), o));
          names.add(name);
        }
      }
      this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      // a temporary store is deleted on close: nothing in it can outlive the process, so the
      // write-ahead log would be written (and synced) for no reader; RocksDB refuses a synced
      // write without a log
      boolean temporary = temporaryDir != null;
      this.writeOptions =
          keep(new WriteOptions().setSync(options.fsync() && !temporary).setDisableWAL(temporary));
      this.meta = handles.get(0);
      this.counters = handles.get(1);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        (SerialBuckets.isBucket(name) ? foundBuckets : foundReports).put(name, handles.get(2 + i));
      }
    } catch (RocksDBException | RuntimeException e) {
      handles.forEach(ColumnFamilyHandle::close);
      closeResources();
      deleteTemporary();
      if (e instanceof StoreException se) {
        throw se;
      }
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

  Path dir() {
    return dir;
  }

  /**
   * Takes the read side of the lock: the database stays open, and no column family is dropped,
   * until unlocked.
   */
  Lock use() {
    Lock l = tryUse();
    if (l == null) {
      throw new StoreException("the gateway store in " + dir + " is closed");
    }
    return l;
  }

  /** {@link #use}, or null when the store is closed. */
  @Nullable Lock tryUse() {
    Lock l = lock.readLock();
    l.lock();
    if (closed) {
      l.unlock();
      return null;
    }
    return l;
  }

  /** The write side of the lock, for dropping column families; null when closed (unlocked). */
  @Nullable Lock exclusive() {
    Lock l = lock.writeLock();
    l.lock();
    if (closed) {
      l.unlock();
      return null;
    }
    return l;
  }

  /** Writes a batch: in the write-ahead log (synced with {@code fsync}) when this returns. */
  void write(WriteBatch batch) throws RocksDBException {
    db.write(writeOptions, batch);
  }

  /** Puts one value and waits for it like {@link #write}. */
  void put(ColumnFamilyHandle cf, byte[] key, byte[] value) throws RocksDBException {
    db.put(cf, writeOptions, key, value);
  }

  /** Bytes of the store's files on disk. */
  long diskBytes() {
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
      files.sort(Comparator.comparingInt(StoreDatabase::copyOrder).thenComparing(Path::toString));
      for (Path f : files) {
        try {
          Files.copy(f, target.resolve(f.getFileName()));
        } catch (NoSuchFileException gone) {
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

  /**
   * Closes the database after {@code beforeClose} (which closes the bucket handles) ran under the
   * write lock; a temporary directory is deleted. Closing twice does nothing.
   */
  void close(Runnable beforeClose) {
    Lock l = lock.writeLock();
    l.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      beforeClose.run();
      handles.forEach(ColumnFamilyHandle::close);
      try {
        db.closeE();
      } catch (RocksDBException e) {
        log.warn("closing the store in {} failed: {}", dir, e.getMessage());
      }
      closeResources();
      deleteTemporary();
    } finally {
      l.unlock();
    }
  }

  @Override
  public void close() {
    close(() -> {});
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
