package dev.ngsign.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's heap figures read from a real {@code -Xlog:gc} file's lines. */
class ResourceSamplerTest {
  @TempDir Path dir;

  @Test
  void heapAfterTheLastGcAndTheLiveSetAfterTheLastFullGcAreReadApart() throws Exception {
    Path log = dir.resolve("agent-gc.log");
    Files.writeString(
        log,
        """
        [58.201s][info][gc] GC(14) Pause Full (Ergonomics) 188M->48M(223M) 3472.036ms
        [60.100s][info][gc] GC(15) Pause Young (Allocation Failure) 120M->95M(223M) 12.001ms
        [61.100s][info][gc] GC(16) Pause Young (Allocation Failure) 150M->101M(223M) 11.500ms
        """);
    assertThat(ResourceSampler.heapAfterGc(log, false)).isEqualTo(101.0);
    assertThat(ResourceSampler.heapAfterGc(log, true)).isEqualTo(48.0);
  }

  @Test
  void aLogWithoutAFullGcHasNoLiveFigureYet() throws Exception {
    Path log = dir.resolve("gw-gc.log");
    Files.writeString(
        log, "[2.611s][info][gc] GC(0) Pause Young (Allocation Failure) 16M->4M(61M) 23.837ms\n");
    assertThat(ResourceSampler.heapAfterGc(log, true)).isNaN();
    assertThat(ResourceSampler.heapAfterGc(dir.resolve("missing.log"), false)).isNaN();
  }
}
