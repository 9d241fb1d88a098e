package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The client's Micrometer meters, all tagged {@code account=<the account's name>} and {@code ngs_id=<NGS id>} (the
 * name is the NGS id unless {@code NgsClientBuilder.accountName} set one): {@code ngs.client.sent} (DELIVERs
 * written, retries included), {@code ngs.client.acked} (tag {@code code}), {@code ngs.client.ack.latency}
 * (send() to DELIVER_ACK E_OK), {@code ngs.client.reports} (tag {@code result}), {@code ngs.client.reconnects},
 * {@code ngs.client.failed} (tag {@code reason}) and the gauges {@code ngs.client.inflight},
 * {@code ngs.client.pending}, {@code ngs.client.queued}. Without a registry every meter is a no-op.
 */
final class ClientMetrics {
  private final MeterRegistry registry;
  private final String account;
  private final String ngsId;
  private final Counter sent;
  private final Counter reconnects;
  private final Timer ackLatency;
  private final Map<Integer, Counter> acked = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> reports = new ConcurrentHashMap<>();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();

  ClientMetrics(MeterRegistry registry, String account, String ngsId) {
    this.registry = registry != null ? registry : new CompositeMeterRegistry();
    this.account = account;
    this.ngsId = ngsId;
    this.sent = Counter.builder("ngs.client.sent").description("DELIVERs written, retries included")
        .tag("account", account).tag("ngs_id", ngsId).register(this.registry);
    this.reconnects = Counter.builder("ngs.client.reconnects").description("session pairs lost")
        .tag("account", account).tag("ngs_id", ngsId).register(this.registry);
    this.ackLatency = Timer.builder("ngs.client.ack.latency").description("send() to DELIVER_ACK E_OK")
        .tag("account", account).tag("ngs_id", ngsId).register(this.registry);
  }

  void gauges(Supplier<Number> inFlight, Supplier<Number> pending, Supplier<Number> queued) {
    Gauge.builder("ngs.client.queued", queued).description("sends waiting to be written (window full, TPS, reconnect)")
        .tag("account", account).tag("ngs_id", ngsId).register(registry);
    Gauge.builder("ngs.client.inflight", inFlight).description("DELIVERs waiting for their ACK")
        .tag("account", account).tag("ngs_id", ngsId).register(registry);
    Gauge.builder("ngs.client.pending", pending).description("sends accepted and not completed (queue depth)")
        .tag("account", account).tag("ngs_id", ngsId).register(registry);
  }

  void sent() {
    sent.increment();
  }

  private Counter ackedOk;
  private Counter reportOk;

  void acked(int code, long latencyNanos) {
    if (code == 0) {
      Counter c = ackedOk;
      if (c == null) {
        c = ackedOk = counter(acked, "ngs.client.acked", "code", 0);
      }
      c.increment();
      ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
      return;
    }
    acked.computeIfAbsent(code, c -> Counter.builder("ngs.client.acked").tag("account", account).tag("ngs_id", ngsId)
        .tag("code", ResultCode.of(c) == ResultCode.UNKNOWN ? String.valueOf(c) : ResultCode.of(c).name())
        .register(registry)).increment();
    if (code == 0) {
      ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  private Counter counter(Map<Integer, Counter> map, String name, String tag, int code) {
    return map.computeIfAbsent(code, c -> Counter.builder(name).tag("account", account).tag("ngs_id", ngsId)
        .tag(tag, ResultCode.of(c) == ResultCode.UNKNOWN ? String.valueOf(c) : ResultCode.of(c).name()).register(registry));
  }

  void report(int result) {
    if (result == 0) {
      Counter c = reportOk;
      if (c == null) {
        c = reportOk = counter(reports, "ngs.client.reports", "result", 0);
      }
      c.increment();
      return;
    }
    reports.computeIfAbsent(result, c -> Counter.builder("ngs.client.reports").tag("account", account).tag("ngs_id", ngsId)
        .tag("result", ResultCode.of(c) == ResultCode.UNKNOWN ? String.valueOf(c) : ResultCode.of(c).name())
        .register(registry)).increment();
  }

  void failed(String reason) {
    failed.computeIfAbsent(reason, r -> Counter.builder("ngs.client.failed").tag("account", account).tag("ngs_id", ngsId)
        .tag("reason", r).register(registry)).increment();
  }

  void reconnect() {
    reconnects.increment();
  }
}
