package dev.ngsign.cli.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every sample (the run takes one each 10 s): per process heap after its last GC and after its last
 * full collection (from its {@code -Xlog:gc} file), threads and open file descriptors (from {@code
 * /proc}); the agents' database connections; the gateway's data directory size; rows final and
 * waiting. Written to {@code samples.csv} as they come, drawn as {@code soak.svg} at the end.
 */
final class ResourceSampler {
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /** One sample. Arrays are per process, gateway first. */
  record Sample(
      double seconds,
      double[] heapMb,
      double[] liveMb,
      double[] threads,
      double[] fds,
      double dbConnections,
      double storeMb,
      double rowsFinal,
      double rowsWaiting) {}

  private final List<String> names;
  private final List<Sample> samples = new ArrayList<>();
  private final PrintWriter csv;

  ResourceSampler(List<String> names, Path csvFile) throws IOException {
    this.names = List.copyOf(names);
    this.csv = new PrintWriter(Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8));
    StringBuilder h = new StringBuilder("seconds");
    for (String n : names) {
      h.append(',')
          .append(n)
          .append("_heap_after_gc_mb,")
          .append(n)
          .append("_heap_after_full_gc_mb,")
          .append(n)
          .append("_threads,")
          .append(n)
          .append("_fds");
    }
    csv.println(h.append(",db_connections,gateway_store_mb,rows_final,rows_waiting"));
    csv.flush();
  }

  List<Sample> samples() {
    return samples;
  }

  void add(
      double seconds,
      long[] pids,
      Path[] gcLogs,
      long dbConnections,
      long storeBytes,
      long rowsFinal,
      long rowsWaiting) {
    int n = names.size();
    double[] heap = new double[n];
    double[] live = new double[n];
    double[] threads = new double[n];
    double[] fds = new double[n];
    for (int i = 0; i < n; i++) {
      heap[i] = heapAfterGc(gcLogs[i], false);
      live[i] = heapAfterGc(gcLogs[i], true);
      if (Double.isNaN(live[i]) && !samples.isEmpty()) {
        live[i] = samples.get(samples.size() - 1).liveMb()[i]; // no full GC in the log's tail
      }
      threads[i] = threads(pids[i]);
      fds[i] = fds(pids[i]);
    }
    Sample s =
        new Sample(
            seconds,
            heap,
            live,
            threads,
            fds,
            dbConnections,
            storeBytes / 1048576.0,
            rowsFinal,
            rowsWaiting);
    samples.add(s);
    StringBuilder line = new StringBuilder(String.format("%.0f", seconds));
    for (int i = 0; i < n; i++) {
      line.append(',')
          .append(heap[i])
          .append(',')
          .append(live[i])
          .append(',')
          .append(threads[i])
          .append(',')
          .append(fds[i]);
    }
    csv.println(
        line.append(',')
            .append(dbConnections)
            .append(',')
            .append(String.format("%.2f", s.storeMb()))
            .append(',')
            .append(rowsFinal)
            .append(',')
            .append(rowsWaiting));
    csv.flush();
  }

  /**
   * Heap in use after the last GC in the log (or, with {@code fullOnly}, after the last full
   * collection: the live set, which young collections alone do not show — a heap after young GCs
   * rises until the next full collection whether or not anything leaks), MB; NaN when there is none
   * in the log's tail.
   */
  static double heapAfterGc(Path gcLog, boolean fullOnly) {
    if (gcLog == null || !Files.exists(gcLog)) {
      return Double.NaN;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(gcLog)) {
      long size = ch.size();
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 16384));
      ch.position(size - buf.capacity());
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read the tail
      }
      double last = Double.NaN;
      for (String line :
          new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).split("\n")) {
        if (fullOnly && !line.contains("Pause Full")) {
          continue;
        }
        Matcher m = GC.matcher(line);
        while (m.find()) {
          last = Double.parseDouble(m.group(2));
        }
      }
      return last;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  static double threads(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Threads:")) {
          return Double.parseDouble(line.substring(8).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // process gone (killed between samples) or no /proc
    }
    return Double.NaN;
  }

  static double fds(long pid) {
    try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return s.count();
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static long directorySize(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // deleted while walking (a swept segment)
                }
              })
          .sum();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  void close() {
    csv.close();
  }

  /** The samples as an SVG: one small chart per measure, one line per process. */
  String svg(String title) {
    List<SvgChart.Panel> panels = new ArrayList<>();
    int n = names.size();
    panels.add(panel("heap after GC (MB)", i -> s -> s.heapMb()[i], n));
    panels.add(panel("live heap: after the last full GC (MB)", i -> s -> s.liveMb()[i], n));
    panels.add(panel("threads", i -> s -> s.threads()[i], n));
    panels.add(panel("open file descriptors", i -> s -> s.fds()[i], n));
    panels.add(
        new SvgChart.Panel(
            "agents' DB connections",
            List.of("connections"),
            List.<double[][]>of(series(s -> s.dbConnections()))));
    panels.add(
        new SvgChart.Panel(
            "gateway data directory (MB)",
            List.of("store"),
            List.<double[][]>of(series(s -> s.storeMb()))));
    panels.add(
        new SvgChart.Panel(
            "rows waiting (not final)",
            List.of("waiting"),
            List.<double[][]>of(series(s -> s.rowsWaiting()))));
    return SvgChart.render(title, panels);
  }

  private SvgChart.Panel panel(
      String title,
      java.util.function.IntFunction<java.util.function.ToDoubleFunction<Sample>> f,
      int n) {
    List<double[][]> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(series(f.apply(i)));
    }
    return new SvgChart.Panel(title, names, lines);
  }

  private double[][] series(java.util.function.ToDoubleFunction<Sample> f) {
    double[][] xy = new double[samples.size()][];
    for (int i = 0; i < samples.size(); i++) {
      xy[i] = new double[] {samples.get(i).seconds(), f.applyAsDouble(samples.get(i))};
    }
    return xy;
  }
}
