package dev.ngsign.ngs.gateway.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ngsign.http.HttpLimits;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.protocol.DurationFormat;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a gateway file into a {@link NgsGateway.Builder}: YAML tree → legacy camelCase keys renamed
 * (with one warning) → {@link GatewayFile} → builder. Every error is an {@link
 * IllegalArgumentException} starting {@code config:} and naming the key as written in the file.
 */
public final class GatewayFileReader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private GatewayFileReader() {}

  /** Reads {@code file}; a relative {@code data-dir} is resolved against the file's directory. */
  public static NgsGateway.Builder read(Path file, Consumer<String> warnings) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(YAML.readTree(in), file.toAbsolutePath().getParent(), warnings);
    }
  }

  /**
   * Reads an already-parsed tree; {@code base} resolves a relative {@code data-dir} (null: as is).
   */
  public static NgsGateway.Builder read(
      @Nullable JsonNode root, @Nullable Path base, Consumer<String> warnings) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config: the top level must be a mapping");
    }
    Set<String> legacy = LegacyKeys.rename(root, "");
    if (!legacy.isEmpty()) {
      Set<String> kebab = new TreeSet<>();
      legacy.forEach(k -> kebab.add(LegacyKeys.RENAMED.get(k)));
      warnings.accept(
          "gateway config: camelCase keys "
              + legacy
              + " are deprecated and will stop working in a"
              + " later release; write them in kebab-case: "
              + kebab);
    }
    GatewayFile f;
    try {
      f = YAML.treeToValue(root, GatewayFile.class);
    } catch (UnrecognizedPropertyException e) {
      Set<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      throw new IllegalArgumentException(
          "config: unknown key '" + path(e) + "' (known: " + known + ")", e);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException(
          "config: '"
              + path(e)
              + "' must be "
              + expected(e.getTargetType())
              + ", not "
              + valueAt(root, e),
          e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config: " + e.getOriginalMessage(), e);
    }
    return toBuilder(f, base, warnings);
  }

  private static NgsGateway.Builder toBuilder(
      GatewayFile f, @Nullable Path base, Consumer<String> warnings) {
    NgsGateway.Builder b = NgsGateway.builder();
    if (f.host() != null) {
      b.host(f.host());
    }
    if (f.advertisedHost() != null) {
      b.advertisedHost(f.advertisedHost());
    }
    if (f.certPort() != null) {
      b.certPort(f.certPort());
    }
    if (f.deliverPort() != null) {
      b.deliverPort(f.deliverPort());
    }
    if (f.reportPort() != null) {
      b.reportPort(f.reportPort());
    }
    if (f.adminPort() != null) {
      b.adminPort(f.adminPort());
    }
    if (f.adminHost() != null) {
      b.adminHost(f.adminHost());
    }
    if (f.adminHttp() != null) {
      b.adminHttpLimits(adminHttp(f.adminHttp(), b.adminHttpLimits()));
    }
    if (f.ioThreads() != null) {
      b.ioThreads(f.ioThreads());
    }
    if (f.storeCacheMb() != null) {
      b.storeCacheMb(atLeastOne("store-cache-mb", f.storeCacheMb()));
    }
    if (f.storeWriteBufferMb() != null) {
      b.storeWriteBufferMb(atLeastOne("store-write-buffer-mb", f.storeWriteBufferMb()));
    }
    if (f.fsync() != null) {
      b.fsync(f.fsync());
    }
    if (f.carrierLog() != null) {
      b.carrierLog(f.carrierLog());
    }
    if (f.dataDir() != null) {
      Path p = Path.of(f.dataDir());
      b.dataDir(base != null && !p.isAbsolute() ? base.resolve(p) : p);
    }
    if (f.reportDelay() != null) {
      b.reportDelay(duration("report-delay", f.reportDelay()));
    }
    if (f.dedupWindow() != null) {
      b.dedupWindow(duration("dedup-window", f.dedupWindow()));
    }
    GatewayFile.Timeouts t = f.timeouts();
    if (t != null) {
      if (t.login() != null) {
        b.loginTimeout(duration("timeouts.login", t.login()));
      }
      if (t.certInterval() != null) {
        b.certInterval(duration("timeouts.cert-interval", t.certInterval()));
      }
      if (t.bindWindow() != null) {
        b.bindWindow(duration("timeouts.bind-window", t.bindWindow()));
      }
      if (t.idle() != null) {
        b.idleTimeout(duration("timeouts.idle", t.idle()));
      }
    }
    GatewayFile.Lock lock = f.lock();
    if (lock != null) {
      b.lock(
          lock.threshold() != null ? lock.threshold() : NgsGateway.DEFAULT_LOCK_THRESHOLD,
          lock.window() != null
              ? duration("lock.window", lock.window())
              : NgsGateway.DEFAULT_LOCK_WINDOW,
          lock.duration() != null
              ? duration("lock.duration", lock.duration())
              : NgsGateway.DEFAULT_LOCK_DURATION);
    }
    GatewayFile.Reports rep = f.reports();
    if (rep != null) {
      if (rep.window() != null) {
        b.reportWindow(rep.window());
      }
      if (rep.pollInterval() != null) {
        b.reportPollInterval(duration("reports.poll-interval", rep.pollInterval()));
      }
    }
    GatewayFile.Carrier carrier = f.carrier();
    if (carrier != null) {
      b.randomFailureRate(
          carrier.randomFailureRate() != null ? carrier.randomFailureRate() : 0,
          carrier.seed() != null ? carrier.seed() : NgsGateway.DEFAULT_RANDOM_SEED);
    }
    if (f.accounts() == null || f.accounts().isEmpty()) {
      throw new IllegalArgumentException("config: 'accounts' must list at least one account");
    }
    int i = 0;
    for (GatewayFile.AccountEntry a : f.accounts()) {
      b.account(account(a, "accounts[" + i++ + "]."));
    }
    return b;
  }

  private static HttpLimits adminHttp(GatewayFile.AdminHttp h, HttpLimits d) {
    return new HttpLimits(
        h.headerTimeout() != null
            ? positive("admin-http.header-timeout", h.headerTimeout())
            : d.headerTimeout(),
        h.bodyTimeout() != null
            ? positive("admin-http.body-timeout", h.bodyTimeout())
            : d.bodyTimeout(),
        h.maxConnections() != null
            ? atLeast("admin-http.max-connections", h.maxConnections(), 1)
            : d.maxConnections(),
        h.maxBody() != null ? atLeast("admin-http.max-body", h.maxBody(), 1024) : d.maxBody(),
        h.workers() != null ? atLeast("admin-http.workers", h.workers(), 1) : d.workers(),
        h.queue() != null ? atLeast("admin-http.queue", h.queue(), 1) : d.queue());
  }

  private static Duration positive(String key, String text) {
    Duration d = duration(key, text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("config: '" + key + "' must be positive, not " + text);
    }
    return d;
  }

  private static int atLeast(String key, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(
          "config: '" + key + "' must be at least " + min + ", not " + v);
    }
    return v;
  }

  private static Account account(GatewayFile.@Nullable AccountEntry a, String at) {
    if (a == null || a.id() == null || a.password() == null) {
      throw new IllegalArgumentException(
          "config: " + at + "id and " + at + "password are required");
    }
    Account.Builder b = Account.builder(a.id(), a.password());
    if (a.allowedAddresses() != null) {
      a.allowedAddresses().forEach(b::allowAddress);
    }
    GatewayFile.Tps tps = a.tps();
    if (tps != null) {
      b.tps(
          new TpsLimits(
              tps(tps.sms(), at + "tps.sms"),
              tps(tps.mms(), at + "tps.mms"),
              tps(tps.kko(), at + "tps.kko")));
    }
    if (a.monthlyQuota() != null) {
      b.monthlyQuota(a.monthlyQuota());
    }
    if (a.encryptionAllowed() != null) {
      b.encryptionAllowed(a.encryptionAllowed());
    }
    if (a.encryptionRequired() != null) {
      b.encryptionRequired(a.encryptionRequired());
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config: " + at + ": " + e.getMessage(), e);
    }
  }

  private static int tps(@Nullable Integer v, String key) {
    if (v == null) {
      return TpsLimits.MAX;
    }
    if (v < 0 || v > TpsLimits.MAX) {
      throw new IllegalArgumentException("config: " + key + " must be 0.." + TpsLimits.MAX);
    }
    return v;
  }

  private static Duration duration(String key, String text) {
    try {
      return DurationFormat.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config: " + key + ": " + e.getMessage(), e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String valueAt(JsonNode root, JsonMappingException e) {
    JsonNode n = root;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (n == null) {
        break;
      }
      n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
    }
    return n == null ? "nothing" : n.toString();
  }

  private static String expected(@Nullable Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  private static int atLeastOne(String key, int v) {
    if (v < 1) {
      throw new IllegalArgumentException("config: '" + key + "' must be at least 1 (MB), not " + v);
    }
    return v;
  }
}
