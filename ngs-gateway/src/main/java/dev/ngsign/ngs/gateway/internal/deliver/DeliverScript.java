package dev.ngsign.ngs.gateway.internal.deliver;

import dev.ngsign.ngs.protocol.packet.Deliver;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-fixture faults and recording (the MockWebServer idea): scripted DELIVER_ACK codes per
 * recipient, DELIVERs left unanswered, and a bounded record of the DELIVERs received. Costs one
 * volatile read per DELIVER when unused. Thread-safe.
 */
public final class DeliverScript {
  /** In a script: leave the DELIVER unanswered (no DELIVER_ACK at all). */
  public static final int NO_ANSWER = -1;

  private final ConcurrentHashMap<String, Queue<Integer>> scripts = new ConcurrentHashMap<>();
  private volatile boolean active;
  private volatile BlockingQueue<Deliver> recorded;

  /**
   * Queues outcomes for the next DELIVERs to {@code daAddr}: a result code, or {@link #NO_ANSWER}.
   */
  public void script(String daAddr, int... outcomes) {
    Queue<Integer> q = scripts.computeIfAbsent(daAddr, k -> new ConcurrentLinkedQueue<>());
    for (int o : outcomes) {
      q.add(o);
    }
    active = true;
  }

  /** The scripted outcome for this DELIVER, or null to handle it normally. */
  public Integer next(Deliver d) {
    BlockingQueue<Deliver> rec = recorded;
    if (rec != null) {
      rec.offer(d); // drops when full: recording must never hold the gateway up
    }
    if (!active) {
      return null;
    }
    Queue<Integer> q = scripts.get(d.daAddr());
    return q == null ? null : q.poll();
  }

  /** Starts keeping up to {@code capacity} received DELIVERs for {@link #take}. */
  public void record(int capacity) {
    recorded = new ArrayBlockingQueue<>(Math.max(1, capacity));
  }

  /** The oldest recorded DELIVER, waiting up to {@code timeout}; null when none came. */
  public Deliver take(Duration timeout) throws InterruptedException {
    BlockingQueue<Deliver> rec = recorded;
    if (rec == null) {
      throw new IllegalStateException(
          "recording is off: use NgsGateway.Builder.recordDelivers(capacity)");
    }
    return rec.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
