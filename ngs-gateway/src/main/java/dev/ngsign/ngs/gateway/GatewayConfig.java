package dev.ngsign.ngs.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a gateway configuration file (YAML; JSON is YAML too) into a {@link NgsGateway.Builder}. Every key is
 * optional except {@code accounts}; unknown keys are errors (a typo must not silently keep a default).
 * Durations are {@code 500ms}, {@code 3s}, {@code 10m}, {@code 24h} or ISO-8601 ({@code PT3S}). Format:
 *
 * <pre>
 * host: 127.0.0.1            # listeners' bind address
 * advertisedHost: 127.0.0.1  # CERT_ACK SERVER_IP
 * certPort: 4400
 * deliverPort: 4403
 * reportPort: 4404
 * adminPort: 8080            # -1 or absent: no admin API
 * adminHost: 127.0.0.1
 * dataDir: ./gateway-data    # absent: in memory
 * carrierLog: false         # true: accepted messages appended to dataDir/carrier.log
 * reportDelay: 500ms
 * dedupWindow: 24h
 * timeouts: {login: 1s, certInterval: 3s, bindWindow: 5s, idle: 90s}
 * lock: {threshold: 20, window: 60s, duration: 10m}
 * reports: {window: 1000, pollInterval: 10ms}
 * carrier: {randomFailureRate: 0.0, seed: 42}
 * accounts:
 *   - id: testid
 *     password: secret
 *     allowedAddresses: [127.0.0.1/32, "::1/128"]
 *     tps: {sms: 80, mms: 30, kko: 30}     # absent: unlimited (99999)
 *     monthlyQuota: 1000000                # 0 or absent: unlimited
 *     encryptionAllowed: true
 *     encryptionRequired: false
 * </pre>
 */
public final class GatewayConfig {
  private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Set<String> TOP = Set.of("host", "advertisedHost", "certPort", "deliverPort", "reportPort",
      "adminPort", "adminHost", "dataDir", "reportDelay", "dedupWindow", "timeouts", "lock", "reports", "carrier",
      "accounts", "ioThreads", "storeCacheMb", "carrierLog");

  private GatewayConfig() {}

  /** Reads {@code file}; relative {@code dataDir}s are resolved against the file's directory. */
  public static NgsGateway.Builder load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Path base = file.toAbsolutePath().getParent();
      return parse(root, base);
    }
  }

  /** Parses an already-read tree. */
  static NgsGateway.Builder parse(JsonNode root, Path base) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config: the top level must be a mapping");
    }
    checkKeys(root, TOP, "");
    NgsGateway.Builder b = NgsGateway.builder();
    if (root.has("host")) {
      b.host(text(root, "host"));
    }
    if (root.has("advertisedHost")) {
      b.advertisedHost(text(root, "advertisedHost"));
    }
    if (root.has("certPort")) {
      b.certPort(integer(root, "certPort"));
    }
    if (root.has("deliverPort")) {
      b.deliverPort(integer(root, "deliverPort"));
    }
    if (root.has("reportPort")) {
      b.reportPort(integer(root, "reportPort"));
    }
    if (root.has("adminPort")) {
      b.adminPort(integer(root, "adminPort"));
    }
    if (root.has("adminHost")) {
      b.adminHost(text(root, "adminHost"));
    }
    if (root.has("ioThreads")) {
      b.ioThreads(integer(root, "ioThreads"));
    }
    if (root.has("storeCacheMb")) {
      integer(root, "storeCacheMb"); // still checked, so that a typo in it is still an error
      log.warn("storeCacheMb is ignored: the gateway's store is a log now and has no page cache");
    }
    if (root.has("dataDir")) {
      Path p = Path.of(text(root, "dataDir"));
      b.dataDir(base != null && !p.isAbsolute() ? base.resolve(p) : p);
    }
    if (root.has("carrierLog")) {
      b.carrierLog(root.get("carrierLog").asBoolean());
    }
    if (root.has("reportDelay")) {
      b.reportDelay(duration(root, "reportDelay"));
    }
    if (root.has("dedupWindow")) {
      b.dedupWindow(duration(root, "dedupWindow"));
    }
    JsonNode t = root.get("timeouts");
    if (t != null) {
      checkKeys(t, Set.of("login", "certInterval", "bindWindow", "idle"), "timeouts.");
      if (t.has("login")) {
        b.loginTimeout(duration(t, "login"));
      }
      if (t.has("certInterval")) {
        b.certInterval(duration(t, "certInterval"));
      }
      if (t.has("bindWindow")) {
        b.bindWindow(duration(t, "bindWindow"));
      }
      if (t.has("idle")) {
        b.idleTimeout(duration(t, "idle"));
      }
    }
    JsonNode lock = root.get("lock");
    if (lock != null) {
      checkKeys(lock, Set.of("threshold", "window", "duration"), "lock.");
      b.lock(lock.has("threshold") ? integer(lock, "threshold") : 20,
          lock.has("window") ? duration(lock, "window") : Duration.ofSeconds(60),
          lock.has("duration") ? duration(lock, "duration") : Duration.ofMinutes(10));
    }
    JsonNode rep = root.get("reports");
    if (rep != null) {
      checkKeys(rep, Set.of("window", "pollInterval"), "reports.");
      if (rep.has("window")) {
        b.reportWindow(integer(rep, "window"));
      }
      if (rep.has("pollInterval")) {
        b.reportPollInterval(duration(rep, "pollInterval"));
      }
    }
    JsonNode carrier = root.get("carrier");
    if (carrier != null) {
      checkKeys(carrier, Set.of("randomFailureRate", "seed"), "carrier.");
      double rate = carrier.has("randomFailureRate") ? carrier.get("randomFailureRate").asDouble(-1) : 0;
      long seed = carrier.has("seed") ? carrier.get("seed").asLong() : 42;
      b.randomFailureRate(rate, seed);
    }
    JsonNode accounts = root.get("accounts");
    if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
      throw new IllegalArgumentException("config: 'accounts' must list at least one account");
    }
    int i = 0;
    for (JsonNode a : accounts) {
      b.account(account(a, "accounts[" + i++ + "]."));
    }
    return b;
  }

  private static Account account(JsonNode a, String at) {
    checkKeys(a, Set.of("id", "password", "allowedAddresses", "tps", "monthlyQuota", "encryptionAllowed",
        "encryptionRequired"), at);
    if (!a.hasNonNull("id") || !a.hasNonNull("password")) {
      throw new IllegalArgumentException("config: " + at + "id and " + at + "password are required");
    }
    Account.Builder b = Account.builder(a.get("id").asText(), a.get("password").asText());
    JsonNode allowed = a.get("allowedAddresses");
    if (allowed != null) {
      if (!allowed.isArray()) {
        throw new IllegalArgumentException("config: " + at + "allowedAddresses must be a list");
      }
      allowed.forEach(n -> b.allowAddress(n.asText()));
    }
    JsonNode tps = a.get("tps");
    if (tps != null) {
      checkKeys(tps, Set.of("sms", "mms", "kko"), at + "tps.");
      b.tps(new TpsLimits(tpsValue(tps, "sms", at), tpsValue(tps, "mms", at), tpsValue(tps, "kko", at)));
    }
    if (a.has("monthlyQuota")) {
      b.monthlyQuota(a.get("monthlyQuota").asLong());
    }
    if (a.has("encryptionAllowed")) {
      b.encryptionAllowed(a.get("encryptionAllowed").asBoolean());
    }
    if (a.has("encryptionRequired")) {
      b.encryptionRequired(a.get("encryptionRequired").asBoolean());
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config: " + at + ": " + e.getMessage(), e);
    }
  }

  private static int tpsValue(JsonNode tps, String k, String at) {
    if (!tps.has(k)) {
      return TpsLimits.MAX;
    }
    JsonNode n = tps.get(k);
    if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > TpsLimits.MAX) {
      throw new IllegalArgumentException("config: " + at + "tps." + k + " must be 0.." + TpsLimits.MAX);
    }
    return n.asInt();
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String at) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("config: " + (at.isEmpty() ? "top level" : at) + " must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("config: unknown key '" + at + k + "' (known: " + allowed + ")");
      }
    }
  }

  private static String text(JsonNode n, String k) {
    return n.get(k).asText();
  }

  private static int integer(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (!v.canConvertToInt()) {
      throw new IllegalArgumentException("config: '" + k + "' must be an integer, not " + v);
    }
    return v.asInt();
  }

  /** {@code 500ms}, {@code 3s}, {@code 10m}, {@code 24h}, {@code 1d}, or ISO-8601 {@code PT3S}. */
  public static Duration parseDuration(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(s.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + s + "' (use 500ms, 3s, 10m, 24h or PT3S)", e);
    }
  }

  private static Duration duration(JsonNode n, String k) {
    return parseDuration(n.get(k).asText());
  }
}
