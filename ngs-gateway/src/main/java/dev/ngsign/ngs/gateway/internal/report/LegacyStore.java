package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the state of a data directory written by an earlier build into the store log, once: those builds
 * kept reports, SERIAL records and meta in H2 MVStore maps ({@code gateway.mv.db}: {@code reports.utf8} and
 * {@code serials.utf8} with UTF-8 values, before that {@code reports} and {@code serials} with String
 * values, and {@code meta}), with a redo log of the same record format in front ({@code journal-<n>.log},
 * replayed here first). Afterwards the file is renamed {@code gateway.mv.db.migrated} (kept as a backup)
 * and the redo log deleted. A crash midway repeats the move on the next start, which only writes the same
 * records again (the latest record of a key counts).
 */
final class LegacyStore {
  private static final Logger log = LoggerFactory.getLogger(LegacyStore.class);
  static final String FILE = "gateway.mv.db";
  private static final int BATCH = 10_000;

  private LegacyStore() {}

  static void migrate(Path dir, Consumer<StoreBatch> write) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return;
    }
    long moved = 0;
    MVStore mv = new MVStore.Builder().fileName(file.toString()).open();
    try {
      MVMap<String, byte[]> reports = bytesMap(mv, "reports.utf8", "reports");
      MVMap<String, byte[]> serials = bytesMap(mv, "serials.utf8", "serials");
      MVMap<String, String> meta = mv.openMap("meta",
          new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
      List<Path> journal = journalSegments(dir);
      for (Path p : journal) {
        StoreLog.scan(Files.readAllBytes(p), 0, (pos, op, map, key, value) -> {
          switch (map) {
            case StoreLog.REPORTS -> applyTo(reports, op, key, value);
            case StoreLog.SERIALS -> applyTo(serials, op, key, value);
            case StoreLog.META -> {
              if (op == StoreLog.PUT) {
                meta.put(key, new String(value, StandardCharsets.UTF_8));
              } else {
                meta.remove(key);
              }
            }
            default -> { }
          }
        });
      }
      StoreBatch batch = new StoreBatch();
      for (Map.Entry<String, String> e : meta.entrySet()) {
        batch.put(StoreLog.META, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
      }
      moved += copy(serials, StoreLog.SERIALS, batch, write);
      moved += copy(reports, StoreLog.REPORTS, batch, write);
      write.accept(batch);
      mv.close();
      Files.move(file, dir.resolve(FILE + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
      for (Path p : journal) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the earlier store " + file + " into the store log", e);
    } finally {
      if (!mv.isClosed()) {
        mv.close();
      }
    }
    log.info("moved {} reports and SERIAL records of the earlier store {} into the store log (the old file is"
        + " kept as {}.migrated)", moved, FILE, FILE);
  }

  private static void applyTo(MVMap<String, byte[]> m, byte op, String key, byte[] value) {
    if (op == StoreLog.PUT) {
      m.put(key, value);
    } else {
      m.remove(key);
    }
  }

  private static long copy(MVMap<String, byte[]> from, byte map, StoreBatch batch, Consumer<StoreBatch> write) {
    long n = 0;
    for (Map.Entry<String, byte[]> e : from.entrySet()) {
      batch.put(map, e.getKey(), e.getValue());
      if (++n % BATCH == 0) {
        write.accept(batch);
      }
    }
    return n;
  }

  /** The map of UTF-8 values, with the entries of the String-valued map of older builds added. */
  private static MVMap<String, byte[]> bytesMap(MVStore mv, String name, String olderName) {
    MVMap<String, byte[]> m = mv.openMap(name,
        new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    if (mv.hasMap(olderName)) {
      MVMap<String, String> older = mv.openMap(olderName,
          new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
      for (Map.Entry<String, String> e : older.entrySet()) {
        m.putIfAbsent(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static List<Path> journalSegments(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "journal-*.log")) {
      ds.forEach(out::add);
    }
    out.sort(null); // zero-padded numbers: name order is write order
    return out;
  }
}
