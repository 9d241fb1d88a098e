package dev.ngsign.ngs.agent.internal.reports;

import dev.ngsign.ngs.agent.RowMilestones;
import dev.ngsign.ngs.agent.internal.store.Outcome;
import dev.ngsign.ngs.agent.internal.store.WriteBack;
import dev.ngsign.ngs.agent.internal.store.WriteBack.AckOk;
import dev.ngsign.ngs.agent.internal.store.WriteBack.ReportWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that group-commits write-backs: it takes whatever is queued (up to a batch, waiting at
 * most the write delay for more) and writes it in one transaction. A report's future completes only
 * after the commit, so REPORT_ACK follows the commit; when the database is down the batch is
 * retried (with a growing pause) and nothing is dropped or acknowledged.
 */
public final class WriteBehind implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

  private sealed interface Item {}

  private record OkItem(AckOk ack) implements Item {}

  private record OutcomeItem(Outcome outcome) implements Item {}

  private record ReportItem(ReportWrite report, CompletableFuture<Void> done) implements Item {}

  private record FlushItem(CompletableFuture<Void> done) implements Item {}

  private final WriteBack store;
  private final Clock clock;
  private final ZoneId zone;
  private final int batchSize;
  private final Duration delay;
  private final IntConsumer orphanCounter;
  private final RowMilestones milestones;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public WriteBehind(
      WriteBack store,
      Clock clock,
      ZoneId zone,
      int batchSize,
      Duration delay,
      IntConsumer orphanCounter) {
    this(store, clock, zone, batchSize, delay, orphanCounter, RowMilestones.NONE);
  }

  public WriteBehind(
      WriteBack store,
      Clock clock,
      ZoneId zone,
      int batchSize,
      Duration delay,
      IntConsumer orphanCounter,
      RowMilestones milestones) {
    this.milestones = milestones;
    this.store = store;
    this.clock = clock;
    this.zone = zone;
    this.batchSize = batchSize;
    this.delay = delay;
    this.orphanCounter = orphanCounter;
    this.thread = new Thread(this::run, "ngs-agent-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public void ackOk(AckOk a) {
    queue.add(new OkItem(a));
  }

  public void outcome(Outcome o) {
    queue.add(new OutcomeItem(o));
  }

  /** Queues a report; the future completes once it is committed. */
  public CompletableFuture<Void> report(ReportWrite r) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    queue.add(new ReportItem(r, f));
    return f;
  }

  /** Completes once everything queued before it is committed. */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    queue.add(new FlushItem(f));
    return f;
  }

  /** Items waiting. */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    List<Item> batch = new ArrayList<>(batchSize);
    while (running || !queue.isEmpty()) {
      try {
        Item first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + delay.toNanos();
        while (batch.size() < batchSize) {
          queue.drainTo(batch, batchSize - batch.size());
          long left = deadline - System.nanoTime();
          if (batch.size() >= batchSize || left <= 0) {
            break;
          }
          Item next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        writeWithRetry(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Item i : batch) {
      fail(i);
    }
    Item i;
    while ((i = queue.poll()) != null) {
      fail(i);
    }
  }

  private static void fail(Item i) {
    if (i instanceof ReportItem r) {
      r.done()
          .completeExceptionally(
              new IllegalStateException("agent stopped before the report was stored"));
    } else if (i instanceof FlushItem f) {
      f.done().completeExceptionally(new IllegalStateException("agent stopped"));
    }
  }

  private void writeWithRetry(List<Item> batch) throws InterruptedException {
    long pauseMs = 50;
    int failures = 0;
    List<Item> pending = batch;
    while (true) {
      try {
        write(pending);
        return;
      } catch (RuntimeException e) {
        if (!running) {
          throw new InterruptedException("stopping with an unwritten batch: " + e.getMessage());
        }
        failures++;
        log.warn(
            "write-back of {} items failed, retrying in {} ms: {}",
            pending.size(),
            pauseMs,
            e.getMessage());
        if (failures >= 3 && pending.size() > 1) {
          pending = isolatePoison(pending);
          if (pending.isEmpty()) {
            return;
          }
        }
        Thread.sleep(pauseMs); // backoff against an unavailable database, not synchronisation
        pauseMs = Math.min(pauseMs * 2, 5_000);
      }
    }
  }

  /**
   * Writes the items one by one. When some succeed the database is up and the ones that fail are
   * poison (a value the database refuses): they are dropped with an error — a report then stays
   * unacknowledged (the gateway sends it again), an ACK leaves its row SENDING (re-sent with its
   * SERIAL by the next holder). When none succeed the database is down and all are kept for the
   * next round.
   */
  private List<Item> isolatePoison(List<Item> items) {
    List<Item> failed = new ArrayList<>();
    RuntimeException last = null;
    for (Item i : items) {
      try {
        write(List.of(i));
      } catch (RuntimeException e) {
        failed.add(i);
        last = e;
      }
    }
    if (failed.size() == items.size()) {
      return failed;
    }
    for (Item i : failed) {
      log.error(
          "write-back of {} dropped: the database refuses it ({})",
          i,
          last == null ? "?" : last.getMessage());
      fail(i);
    }
    return List.of();
  }

  private void write(List<Item> batch) {
    List<AckOk> oks = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<ReportWrite> reports = new ArrayList<>();
    for (Item i : batch) {
      if (i instanceof OkItem o) {
        oks.add(o.ack());
      } else if (i instanceof OutcomeItem o) {
        outcomes.add(o.outcome());
      } else if (i instanceof ReportItem r) {
        reports.add(r.report());
      }
    }
    if (!oks.isEmpty() || !outcomes.isEmpty() || !reports.isEmpty()) {
      WriteBack.WriteResult r =
          store.write(oks, outcomes, reports, LocalDateTime.ofInstant(clock.instant(), zone));
      if (r.orphanReports() > 0) {
        orphanCounter.accept(r.orphanReports());
      }
    }
    if (milestones != RowMilestones.NONE) {
      long committed = System.nanoTime();
      for (Item i : batch) {
        if (i instanceof OkItem o) {
          milestones.ackWritten(o.ack().id(), committed);
        } else if (i instanceof ReportItem r) {
          milestones.reportWritten(r.report().report().serial(), committed);
        }
      }
    }
    for (Item i : batch) {
      if (i instanceof ReportItem r) {
        r.done().complete(null);
      } else if (i instanceof FlushItem f) {
        f.done().complete(null);
      }
    }
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
