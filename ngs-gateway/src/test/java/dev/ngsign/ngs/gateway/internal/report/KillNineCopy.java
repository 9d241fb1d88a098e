package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A data directory as a kill -9 would leave it: a copy of its files taken while the store is open. */
final class KillNineCopy {
  private KillNineCopy() {}

  /** Copies the files of {@code dir} into a new sibling directory and returns it. */
  static Path of(Path dir) throws IOException {
    Path copy = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-crash-" + System.nanoTime()));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /** Deletes a copy made by {@link #of}. */
  static void delete(Path copy) throws IOException {
    try (Stream<Path> files = Files.list(copy)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(copy);
  }
}
