package dev.ngsign.ngs.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ngsign.ngs.gateway.internal.config.GatewayFileReader;
import dev.ngsign.ngs.protocol.DurationFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a gateway configuration file (YAML; JSON is YAML too) into a {@link NgsGateway.Builder}.
 * Every key is optional except {@code accounts}; unknown keys are errors (a typo must not silently
 * keep a default). Keys are kebab-case, as in every ngsign file; the camelCase spellings of earlier
 * releases ({@code certPort}, {@code dataDir}, …) are still read, with one deprecation warning in
 * the log. Durations are read by {@link DurationFormat}: {@code 500ms}, {@code 3s}, {@code 10m},
 * {@code 24h}, {@code 1d} or ISO-8601 ({@code PT3S}). Defaults are the {@code DEFAULT_*} constants
 * of {@link NgsGateway}. Format:
 *
 * <pre>
 * host: 127.0.0.1             # listeners' bind address
 * advertised-host: 127.0.0.1  # CERT_ACK SERVER_IP
 * cert-port: 4400
 * deliver-port: 4403
 * report-port: 4404
 * admin-port: 8080            # -1 or absent: no admin API
 * admin-host: 127.0.0.1
 * admin-http:                # the admin port's limits for slow and idle HTTP clients
 *   header-timeout: 10s       # request head complete within this of connecting
 *   body-timeout: 10s         # body complete within this of the head
 *   max-connections: 64       # more are answered 503 and closed
 *   max-body: 65536           # bytes; larger bodies get 413
 *   workers: 2                # threads answering requests
 *   queue: 64                 # complete requests waiting for a worker; more get 503
 * data-dir: ./gateway-data    # absent: in memory
 * carrier-log: false          # true: accepted messages appended to data-dir/carrier.log
 * fsync: false               # true: sync the store's write-ahead log per batch (survives power loss; slower)
 * store-cache-mb: 32          # store block cache, off-heap
 * store-write-buffer-mb: 64   # store memtables, off-heap
 * report-delay: 500ms
 * dedup-window: 24h
 * io-threads: 4
 * timeouts: {login: 1s, cert-interval: 3s, bind-window: 5s, idle: 90s}
 * lock: {threshold: 20, window: 60s, duration: 10m}
 * reports: {window: 1000, poll-interval: 10ms}
 * carrier: {random-failure-rate: 0.0, seed: 42}
 * accounts:
 *   - id: testid
 *     password: secret
 *     allowed-addresses: [127.0.0.1/32, "::1/128"]
 *     tps: {sms: 80, mms: 30, kko: 30}     # absent: unlimited (99999)
 *     monthly-quota: 1000000               # 0 or absent: unlimited
 *     encryption-allowed: true
 *     encryption-required: false
 * </pre>
 */
public final class GatewayConfig {
  private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);

  private GatewayConfig() {}

  /**
   * Reads {@code file}; a relative {@code data-dir} is resolved against the file's directory.
   *
   * @throws IllegalArgumentException starting {@code config:} and naming the key, for any bad key
   *     or value
   */
  public static NgsGateway.Builder load(Path file) throws IOException {
    return GatewayFileReader.read(file, log::warn);
  }

  /** Parses an already-read tree. */
  static NgsGateway.Builder parse(JsonNode root, Path base) {
    return GatewayFileReader.read(root, base, log::warn);
  }

  /** The project's one duration grammar: see {@link DurationFormat#parse}. */
  public static Duration parseDuration(String s) {
    return DurationFormat.parse(s);
  }
}
