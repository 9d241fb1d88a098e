package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The client's Micrometer meters, all tagged {@code account=<the account's name>} and {@code
 * ngs_id=<NGS id>} (the name is the NGS id unless {@code NgsClientBuilder.accountName} set one):
 * {@code ngs.client.sent} (DELIVERs written, retries included), {@code ngs.client.acked} (tag
 * {@code code}), {@code ngs.client.ack.latency} (send() to DELIVER_ACK E_OK), {@code
 * ngs.client.reports} (tag {@code result}), {@code ngs.client.reconnects}, {@code
 * ngs.client.failed} (tag {@code reason}) and the gauges {@code ngs.client.inflight}, {@code
 * ngs.client.pending}, {@code ngs.client.queued}. Only loaded when a registry is given: the only
 * class of the client that names Micrometer at run time, so the client works without it on the
 * class path.
 */
final class MicrometerClientMetrics implements ClientMetrics {
  private final MeterRegistry registry;
  private final String account;
  private final String ngsId;
  private final Counter sent;
  private final Counter reconnects;
  private final Timer ackLatency;
  private final Map<Integer, Counter> acked = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> reports = new ConcurrentHashMap<>();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();

  MicrometerClientMetrics(MeterRegistry registry, String account, String ngsId) {
    this.registry = registry;
    this.account = account;
    this.ngsId = ngsId;
    this.sent =
        Counter.builder("ngs.client.sent")
            .description("DELIVERs written, retries included")
            .tag("account", account)
            .tag("ngs_id", ngsId)
            .register(this.registry);
    this.reconnects =
        Counter.builder("ngs.client.reconnects")
            .description("session pairs lost")
            .tag("account", account)
            .tag("ngs_id", ngsId)
            .register(this.registry);
    this.ackLatency =
        Timer.builder("ngs.client.ack.latency")
            .description("send() to DELIVER_ACK E_OK")
            .tag("account", account)
            .tag("ngs_id", ngsId)
            .register(this.registry);
  }

  /**
   * The gauges of one client identity (registry, account name, NGS id), registered once and read
   * through to the newest client of that identity. A registry keeps the first gauge registered
   * under an id and ignores later ones ("This Gauge has been already registered"): an application
   * that builds a new client after a failed login (the agent, the Spring starter) would otherwise
   * read the first, closed client for ever. Weak on the registry, so a dropped registry is not
   * kept.
   */
  private static final Map<MeterRegistry, Map<List<String>, LiveGauges>> LIVE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** What the gauges of one identity read: the newest client's numbers, zero when none is open. */
  static final class LiveGauges {
    private final AtomicReference<@Nullable Source> source = new AtomicReference<>();

    double read(Function<Source, Supplier<Number>> which) {
      Source s = source.get();
      return s == null ? 0 : which.apply(s).get().doubleValue();
    }
  }

  /** One client's gauge readings. */
  record Source(Supplier<Number> inFlight, Supplier<Number> pending, Supplier<Number> queued) {}

  private @Nullable LiveGauges live;
  private @Nullable Source mine;

  @Override
  public void gauges(Supplier<Number> inFlight, Supplier<Number> pending, Supplier<Number> queued) {
    LiveGauges g;
    synchronized (LIVE) {
      g =
          LIVE.computeIfAbsent(registry, r -> new HashMap<>())
              .computeIfAbsent(List.of(account, ngsId), id -> new LiveGauges());
    }
    Source s = new Source(inFlight, pending, queued);
    g.source.set(s);
    live = g;
    mine = s;
    if (registry.find("ngs.client.pending").tag("account", account).tag("ngs_id", ngsId).gauge()
        != null) {
      return; // registered by an earlier client of this identity: they read g, now this client
    }
    Gauge.builder("ngs.client.queued", g, x -> x.read(Source::queued))
        .description("sends waiting to be written (window full, TPS, reconnect)")
        .tag("account", account)
        .tag("ngs_id", ngsId)
        .strongReference(true)
        .register(registry);
    Gauge.builder("ngs.client.inflight", g, x -> x.read(Source::inFlight))
        .description("DELIVERs waiting for their ACK")
        .tag("account", account)
        .tag("ngs_id", ngsId)
        .strongReference(true)
        .register(registry);
    Gauge.builder("ngs.client.pending", g, x -> x.read(Source::pending))
        .description("sends accepted and not completed (queue depth)")
        .tag("account", account)
        .tag("ngs_id", ngsId)
        .strongReference(true)
        .register(registry);
  }

  /** The client closed: its gauges read zero unless a newer client of the identity took over. */
  @Override
  public void closed() {
    LiveGauges g = live;
    if (g != null && mine != null) {
      g.source.compareAndSet(mine, null);
    }
  }

  @Override
  public void sent() {
    sent.increment();
  }

  private Counter ackedOk;
  private Counter reportOk;

  @Override
  public void acked(int code, long latencyNanos) {
    if (code == 0) {
      Counter c = ackedOk;
      if (c == null) {
        c = ackedOk = counter(acked, "ngs.client.acked", "code", 0);
      }
      c.increment();
      ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
      return;
    }
    acked
        .computeIfAbsent(
            code,
            c ->
                Counter.builder("ngs.client.acked")
                    .tag("account", account)
                    .tag("ngs_id", ngsId)
                    .tag(
                        "code",
                        ResultCode.of(c) == ResultCode.UNKNOWN
                            ? String.valueOf(c)
                            : ResultCode.of(c).name())
                    .register(registry))
        .increment();
    if (code == 0) {
      ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  private Counter counter(Map<Integer, Counter> map, String name, String tag, int code) {
    return map.computeIfAbsent(
        code,
        c ->
            Counter.builder(name)
                .tag("account", account)
                .tag("ngs_id", ngsId)
                .tag(
                    tag,
                    ResultCode.of(c) == ResultCode.UNKNOWN
                        ? String.valueOf(c)
                        : ResultCode.of(c).name())
                .register(registry));
  }

  @Override
  public void report(int result) {
    if (result == 0) {
      Counter c = reportOk;
      if (c == null) {
        c = reportOk = counter(reports, "ngs.client.reports", "result", 0);
      }
      c.increment();
      return;
    }
    reports
        .computeIfAbsent(
            result,
            c ->
                Counter.builder("ngs.client.reports")
                    .tag("account", account)
                    .tag("ngs_id", ngsId)
                    .tag(
                        "result",
                        ResultCode.of(c) == ResultCode.UNKNOWN
                            ? String.valueOf(c)
                            : ResultCode.of(c).name())
                    .register(registry))
        .increment();
  }

  @Override
  public void failed(String reason) {
    failed
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("ngs.client.failed")
                    .tag("account", account)
                    .tag("ngs_id", ngsId)
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  @Override
  public void reconnect() {
    reconnects.increment();
  }
}
