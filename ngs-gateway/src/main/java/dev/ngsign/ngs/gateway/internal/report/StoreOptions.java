package dev.ngsign.ngs.gateway.internal.report;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the store is opened.
 *
 * @param dataDir where the store lives; null: a temporary directory deleted on close
 * @param dedupWindow how long a SERIAL is remembered; its records are kept in buckets a quarter of
 *     this wide
 * @param fsync sync the write-ahead log on every write (survives power loss; slower). Without it a
 *     write is in the operating system's page cache when it returns: safe against a killed process,
 *     not a lost machine
 * @param cacheMb off-heap block cache, MB (also charged with the memtables)
 * @param writeBufferMb off-heap memtables of all column families together, MB
 * @param bucketMillis width of a SERIAL bucket; 0: a quarter of the window, at least a second
 */
public record StoreOptions(
    Path dataDir,
    Duration dedupWindow,
    boolean fsync,
    int cacheMb,
    int writeBufferMb,
    long bucketMillis) {
  public static final int DEFAULT_CACHE_MB = 32;
  public static final int DEFAULT_WRITE_BUFFER_MB = 64;

  public StoreOptions {
    if (dedupWindow == null || dedupWindow.isNegative()) {
      throw new IllegalArgumentException("dedupWindow must be >= 0");
    }
    if (cacheMb < 1 || writeBufferMb < 1) {
      throw new IllegalArgumentException(
          "store cache and write buffers must be >= 1 MB, not "
              + cacheMb
              + " and "
              + writeBufferMb);
    }
  }

  /**
   * The defaults for {@code dataDir} and {@code dedupWindow}: no fsync, 32 MB cache, 64 MB
   * memtables.
   */
  public static StoreOptions defaults(Path dataDir, Duration dedupWindow) {
    return new StoreOptions(
        dataDir, dedupWindow, false, DEFAULT_CACHE_MB, DEFAULT_WRITE_BUFFER_MB, 0);
  }

  StoreOptions withBucketMillis(long v) {
    return new StoreOptions(dataDir, dedupWindow, fsync, cacheMb, writeBufferMb, v);
  }

  long windowMillis() {
    return dedupWindow.toMillis();
  }

  long effectiveBucketMillis() {
    return bucketMillis > 0 ? bucketMillis : Math.max(1_000, windowMillis() / 4);
  }
}
