package dev.ngsign.ngs.gateway.internal;

import dev.ngsign.http.HttpLimits;
import dev.ngsign.ngs.gateway.internal.report.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Every tunable of the gateway, resolved (see {@code NgsGateway.Builder} for the documented
 * defaults).
 *
 * @param adminPort -1 disables the admin API, 0 picks a free port
 * @param adminHttp the admin port's limits for slow and idle HTTP clients
 * @param carrierLog whether accepted messages are appended to {@code carrier.log} in {@code
 *     dataDir}
 */
public record GatewaySettings(
    String host,
    String advertisedHost,
    int certPort,
    int deliverPort,
    int reportPort,
    String adminHost,
    int adminPort,
    HttpLimits adminHttp,
    Duration loginTimeout,
    Duration certInterval,
    Duration bindWindow,
    Duration idleTimeout,
    int lockThreshold,
    Duration lockWindow,
    Duration lockDuration,
    Duration reportDelay,
    Duration dedupWindow,
    int reportWindow,
    Duration reportPollInterval,
    double randomFailureRate,
    long randomSeed,
    Path dataDir,
    Clock clock,
    int ioThreads,
    int maxBodyLength,
    int recordDelivers,
    StoreOptions store,
    boolean carrierLog) {}
