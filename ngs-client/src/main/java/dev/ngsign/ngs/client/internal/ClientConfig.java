package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.AsyncReportListener;
import dev.ngsign.ngs.client.ReconnectStrategy;
import dev.ngsign.ngs.client.ReportListener;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.client.StateListener;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The builder's settings, immutable. {@code accountName} is the NGS id unless the user named the
 * account. Nullable: keyPos (random), reportListener, reportExecutor, meterRegistry,
 * eventLoopGroup. {@code meterRegistry} is a Micrometer {@code MeterRegistry} typed {@code Object},
 * so that this record (whose toString/equals resolve every component's type) loads without
 * Micrometer on the class path.
 */
public record ClientConfig(
    InetSocketAddress certServer,
    String id,
    PasswordHash password,
    boolean encrypted,
    Integer keyPos,
    String senderCode,
    int window,
    int queueCapacity,
    Duration maxBlock,
    Duration deliveryTimeout,
    Duration ackTimeout,
    Duration linkInterval,
    Duration connectTimeout,
    Duration certMinInterval,
    Duration closeTimeout,
    Duration tpsWindow,
    ReconnectStrategy reconnect,
    RetryPolicy retryPolicy,
    ReportListener reportListener,
    Executor reportExecutor,
    List<StateListener> stateListeners,
    Object meterRegistry,
    Clock clock,
    EventLoopGroup eventLoopGroup,
    int duplicateMemory,
    AsyncReportListener asyncReportListener,
    int recentReports,
    String accountName) {

  /** A report listener of either kind is set. */
  public boolean hasReportListener() {
    return reportListener != null || asyncReportListener != null;
  }

  /** {@code host:port} of the cert server. */
  public String certServerText() {
    return certServer.getHostString() + ":" + certServer.getPort();
  }

  /** Never shows the password hash. */
  @Override
  public String toString() {
    return "ClientConfig[id="
        + id
        + ", certServer="
        + certServerText()
        + ", encrypted="
        + encrypted
        + ", window="
        + window
        + ", queueCapacity="
        + queueCapacity
        + ", ackTimeout="
        + ackTimeout
        + ", linkInterval="
        + linkInterval
        + "]";
  }
}
