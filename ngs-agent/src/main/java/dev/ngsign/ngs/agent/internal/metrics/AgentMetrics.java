package dev.ngsign.ngs.agent.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent's meters (names as Prometheus shows them). Every meter of an account carries both its
 * name ({@code account}, the configuration's {@code accounts[].name}) and its NGS id ({@code
 * ngs_id}): {@code ngs_agent_sent_total{account,ngs_id}} DELIVERs sent; {@code
 * ngs_agent_ack_total{account,ngs_id,code}} ACKs by RESULT ({@code none} when no ACK came); {@code
 * ngs_agent_reports_total{account,ngs_id,result}}; {@code ngs_agent_report_latency_seconds} send to
 * report; {@code ngs_agent_local_total{status,code}} rows ended before sending; {@code
 * ngs_agent_orphan_reports_total}; {@code ngs_agent_queue_depth{status}}; {@code
 * ngs_agent_lease_held{account,ngs_id}} 1 while this node holds the account; {@code
 * ngs_agent_in_flight}; {@code ngs_agent_unserved_rows{account,ngs_id}} READY rows whose ACCOUNT no
 * running node serves and {@code ngs_agent_report_overdue_rows} SENT rows waiting too long for
 * their REPORT (maintenance node).
 */
public final class AgentMetrics {
  private static final int MAX_TRACKED = 1_000_000;

  private final MeterRegistry registry;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Timer reportLatency;
  private final Counter orphans;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong reportOverdue = new AtomicLong();
  private final Map<String, AtomicLong> leaseHeld = new ConcurrentHashMap<>();

  /** Account name to NGS id. */
  private final Map<String, String> ngsIds;

  private final Map<String, AtomicLong> unserved = new ConcurrentHashMap<>();

  /**
   * The per-message counters of each account, looked up once: {@code registry.counter(name,
   * tags...)} builds and sorts the tags and hashes the meter's id on every call, three times per
   * message (sent, ACK, report).
   */
  private final Map<String, AccountCounters> counters = new ConcurrentHashMap<>();

  /** One account's sent, ACK and report counters; ACK and report by RESULT code. */
  private final class AccountCounters {
    final String account;
    final Counter sent;
    final Map<Integer, Counter> acks = new ConcurrentHashMap<>();
    final Map<Integer, Counter> reports = new ConcurrentHashMap<>();
    volatile Counter noAck;

    AccountCounters(String account) {
      this.account = account;
      this.sent = registry.counter("ngs.agent.sent", "account", account, "ngs_id", ngsId(account));
    }

    Counter ack(Integer code) {
      if (code == null) {
        Counter c = noAck;
        if (c == null) {
          c = ackCounter("none");
          noAck = c;
        }
        return c;
      }
      return acks.computeIfAbsent(code, k -> ackCounter(String.valueOf(k)));
    }

    private Counter ackCounter(String code) {
      return registry.counter(
          "ngs.agent.ack", "account", account, "ngs_id", ngsId(account), "code", code);
    }

    Counter report(int result) {
      return reports.computeIfAbsent(
          result,
          k ->
              registry.counter(
                  "ngs.agent.reports",
                  "account",
                  account,
                  "ngs_id",
                  ngsId(account),
                  "result",
                  String.valueOf(k)));
    }
  }

  private AccountCounters countersOf(String account) {
    return counters.computeIfAbsent(account, AccountCounters::new);
  }

  /**
   * @param ngsIds the NGS id of each account, by account name
   */
  public AgentMetrics(MeterRegistry registry, Map<String, String> ngsIds) {
    this.registry = registry;
    this.ngsIds = Map.copyOf(ngsIds);
    this.reportLatency =
        Timer.builder("ngs.agent.report.latency")
            .description("From DELIVER sent to REPORT stored")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.orphans =
        Counter.builder("ngs.agent.orphan.reports")
            .description("REPORTs for SERIALs not in the send table (kept in REPORT_ORPHAN)")
            .register(registry);
    Gauge.builder("ngs.agent.in.flight", inFlight, AtomicLong::get)
        .description("DELIVERs awaiting their ACK")
        .register(registry);
    Gauge.builder("ngs.agent.report.overdue.rows", reportOverdue, AtomicLong::get)
        .description(
            "SENT rows without a REPORT past expiry.report-overdue-after (maintenance node)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void sent(String account, String serial) {
    countersOf(account).sent.increment();
    inFlight.incrementAndGet();
    if (sentAt.size() < MAX_TRACKED) {
      sentAt.put(serial, System.nanoTime());
    }
  }

  /**
   * @param code the ACK RESULT, or null when no ACK came
   */
  public void ack(String account, Integer code) {
    inFlight.decrementAndGet();
    countersOf(account).ack(code).increment();
  }

  public void report(String account, String serial, int result) {
    countersOf(account).report(result).increment();
    Long t = sentAt.remove(serial);
    if (t != null) {
      reportLatency.record(Duration.ofNanos(System.nanoTime() - t));
    }
  }

  public void local(String status, int code) {
    registry.counter("ngs.agent.local", "status", status, "code", String.valueOf(code)).increment();
  }

  public void orphans(int n) {
    orphans.increment(n);
  }

  public void queueDepth(String status, Supplier<Number> value) {
    Gauge.builder("ngs.agent.queue.depth", value)
        .tag("status", status)
        .description("Send-table rows per open status")
        .register(registry);
  }

  public void leaseHeld(String account, boolean held) {
    leaseHeld
        .computeIfAbsent(
            account,
            a -> {
              AtomicLong v = new AtomicLong();
              Gauge.builder("ngs.agent.lease.held", v, AtomicLong::get)
                  .tag("account", a)
                  .tag("ngs_id", ngsId(a))
                  .description("1 while this node holds the account")
                  .register(registry);
              return v;
            })
        .set(held ? 1 : 0);
  }

  private String ngsId(String account) {
    return ngsIds.getOrDefault(account, account);
  }

  /** READY rows whose ACCOUNT no running node serves ({@code ngs_agent_unserved_rows{account}}). */
  public void unserved(String account, long rows) {
    unserved
        .computeIfAbsent(
            account,
            a -> {
              AtomicLong v = new AtomicLong();
              Gauge.builder("ngs.agent.unserved.rows", v, AtomicLong::get)
                  .tag("account", a)
                  .tag("ngs_id", ngsId(a))
                  .description("READY rows whose ACCOUNT no running agent node serves")
                  .register(registry);
              return v;
            })
        .set(rows);
  }

  public void reportOverdue(long rows) {
    reportOverdue.set(rows);
  }

  /** The accounts with an unserved-rows gauge. */
  public java.util.Set<String> unservedAccounts() {
    return unserved.keySet();
  }

  public long inFlight() {
    return inFlight.get();
  }
}
