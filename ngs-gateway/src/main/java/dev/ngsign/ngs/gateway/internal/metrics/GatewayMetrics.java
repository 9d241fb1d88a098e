package dev.ngsign.ngs.gateway.internal.metrics;

import dev.ngsign.ngs.protocol.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's meters. Counters per result code are resolved once, so the DELIVER path does an
 * array lookup and an add, nothing more.
 */
public final class GatewayMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<ResultCode, Counter> deliverResults = new EnumMap<>(ResultCode.class);
  private final Map<ResultCode, Counter> certResults = new EnumMap<>(ResultCode.class);
  private final Map<ResultCode, Counter> bindResults = new EnumMap<>(ResultCode.class);
  private final Counter duplicates;
  private final Counter reportsSent;
  private final Counter reportsAcked;
  private final Counter sessionsClosed;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public GatewayMetrics() {
    for (ResultCode rc : ResultCode.values()) {
      if (rc == ResultCode.UNKNOWN) {
        continue;
      }
      if (rc.stage() == ResultCode.Stage.DELIVER_ACK || rc == ResultCode.E_OK) {
        deliverResults.put(
            rc,
            Counter.builder("ngs.deliver")
                .tag("result", rc.name())
                .description("DELIVERs answered, by DELIVER_ACK result")
                .register(registry));
      }
      if (rc.stage() == ResultCode.Stage.SESSION || rc == ResultCode.E_OK) {
        certResults.put(
            rc, Counter.builder("ngs.cert").tag("result", rc.name()).register(registry));
        bindResults.put(
            rc, Counter.builder("ngs.bind").tag("result", rc.name()).register(registry));
      }
    }
    duplicates =
        Counter.builder("ngs.deliver.duplicates")
            .description("DELIVERs whose SERIAL was already accepted within the window")
            .register(registry);
    reportsSent = Counter.builder("ngs.report.sent").register(registry);
    reportsAcked = Counter.builder("ngs.report.acked").register(registry);
    sessionsClosed = Counter.builder("ngs.sessions.closed").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public void gauge(String name, Supplier<Number> value) {
    Gauge.builder(name, value).register(registry);
  }

  public void deliver(ResultCode rc) {
    Counter c = deliverResults.get(rc);
    if (c != null) {
      c.increment();
    }
  }

  public void cert(ResultCode rc) {
    Counter c = certResults.get(rc);
    if (c != null) {
      c.increment();
    }
  }

  public void bind(ResultCode rc) {
    Counter c = bindResults.get(rc);
    if (c != null) {
      c.increment();
    }
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void reportSent() {
    reportsSent.increment();
  }

  public void reportAcked() {
    reportsAcked.increment();
  }

  public void sessionClosed() {
    sessionsClosed.increment();
  }

  public long duplicates() {
    return (long) duplicates.count();
  }

  public long reportsSent() {
    return (long) reportsSent.count();
  }

  public long reportsAcked() {
    return (long) reportsAcked.count();
  }

  public long deliverCount(ResultCode rc) {
    Counter c = deliverResults.get(rc);
    return c == null ? 0 : (long) c.count();
  }

  /** Prometheus text exposition format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
