package dev.ngsign.ngs.gateway.internal.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's YAML file as Jackson reads it (kebab-case keys, unknown keys refused). Every value
 * is optional here; absent means the builder's default. Durations are text in the project's one
 * grammar ({@link dev.ngsign.ngs.protocol.DurationFormat}), parsed when mapped so the error names
 * the key.
 */
record GatewayFile(
    @Nullable String host,
    @Nullable String advertisedHost,
    @Nullable Integer certPort,
    @Nullable Integer deliverPort,
    @Nullable Integer reportPort,
    @Nullable Integer adminPort,
    @Nullable String adminHost,
    @Nullable AdminHttp adminHttp,
    @Nullable String dataDir,
    @Nullable String reportDelay,
    @Nullable String dedupWindow,
    @Nullable Timeouts timeouts,
    @Nullable Lock lock,
    @Nullable Reports reports,
    @Nullable Carrier carrier,
    @Nullable List<AccountEntry> accounts,
    @Nullable Integer ioThreads,
    @Nullable Integer storeCacheMb,
    @Nullable Integer storeWriteBufferMb,
    @Nullable Boolean fsync,
    @Nullable Boolean carrierLog) {

  record AdminHttp(
      @Nullable String headerTimeout,
      @Nullable String bodyTimeout,
      @Nullable Integer maxConnections,
      @Nullable Integer maxBody,
      @Nullable Integer workers,
      @Nullable Integer queue) {}

  record Timeouts(
      @Nullable String login,
      @Nullable String certInterval,
      @Nullable String bindWindow,
      @Nullable String idle) {}

  record Lock(@Nullable Integer threshold, @Nullable String window, @Nullable String duration) {}

  record Reports(@Nullable Integer window, @Nullable String pollInterval) {}

  record Carrier(@Nullable Double randomFailureRate, @Nullable Long seed) {}

  record AccountEntry(
      @Nullable String id,
      @Nullable String password,
      @Nullable List<String> allowedAddresses,
      @Nullable Tps tps,
      @Nullable Long monthlyQuota,
      @Nullable Boolean encryptionAllowed,
      @Nullable Boolean encryptionRequired) {

    @Override
    public String toString() {
      return "AccountEntry[id=" + id + ", password=(hidden)]";
    }
  }

  record Tps(@Nullable Integer sms, @Nullable Integer mms, @Nullable Integer kko) {}
}
