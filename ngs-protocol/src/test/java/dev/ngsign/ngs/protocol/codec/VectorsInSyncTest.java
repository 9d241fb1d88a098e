package dev.ngsign.ngs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ngsign.ngs.protocol.SpecBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The copies under test resources are the spec vectors of {@code shared/spec/vectors}, when that
 * folder is beside the repo.
 */
class VectorsInSyncTest {
  static final Path SHARED = Path.of("..", "..", "shared", "spec", "vectors");

  @Test
  void copiesMatchTheSharedVectors() throws IOException {
    assumeTrue(Files.isDirectory(SHARED), "shared/ is not beside this checkout");
    try (Stream<Path> files = Files.list(SHARED)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".hex")).toList()) {
        byte[] shared = SpecBytes.hex(Files.readString(f, StandardCharsets.US_ASCII));
        assertThat(SpecBytes.vector(f.getFileName().toString()))
            .as(f.getFileName().toString())
            .isEqualTo(shared);
      }
    }
  }
}
