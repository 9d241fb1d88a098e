package dev.ngsign.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation ({@code -prof dev.ngsign.bench.CpuTimeProfiler}): {@code cpu.ns/op} of the
 * benchmark's worker threads, {@code cpu.process.ns/op} of the whole JVM (GC and JIT threads
 * included). On a machine shared with other work, ops/s falls with the time the benchmark thread
 * waits for a core; its CPU time per operation much less so, which makes it the steadier figure to
 * compare.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> workersAtStart = Map.of();
  private long processAtStart;

  @Override
  public String getDescription() {
    return "CPU time per operation: benchmark threads, whole process";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workersAtStart = workerCpu();
    processAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = os.getProcessCpuTime() - processAtStart;
    long workers = 0;
    for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
      workers +=
          e.getValue()
              - workersAtStart.getOrDefault(e.getKey(), 0L); // a worker started in this iteration
    }
    double ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult("cpu.ns/op", workers / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.process.ns/op", process / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** CPU time so far of each JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains("jmh-worker")) {
        long ns = threads.getThreadCpuTime(t.getThreadId());
        if (ns >= 0) {
          cpu.put(t.getThreadId(), ns);
        }
      }
    }
    return cpu;
  }
}
