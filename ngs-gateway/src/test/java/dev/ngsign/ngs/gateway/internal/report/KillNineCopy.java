package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A data directory as a kill -9 would leave it, and stores opened the way the tests need them. */
final class KillNineCopy {
  private KillNineCopy() {}

  /**
   * A store in {@code dir} (null: temporary) with a de-duplication window and SERIAL buckets of the
   * given widths.
   */
  static ReportStore open(Path dir, long windowMillis, long bucketMillis, long nowMillis) {
    return ReportStore.open(
        new StoreOptions(dir, Duration.ofMillis(windowMillis), false, 8, 8, bucketMillis),
        nowMillis);
  }

  /**
   * Copies the files of the open {@code store} in {@code dir} into a new sibling directory and
   * returns it.
   */
  static Path of(ReportStore store, Path dir) throws IOException {
    return ((RocksReportStore) store)
        .copyAsIfKilled(dir.resolveSibling(dir.getFileName() + "-crash-" + System.nanoTime()));
  }

  /** Deletes a copy made by {@link #of}. */
  static void delete(Path copy) throws IOException {
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
