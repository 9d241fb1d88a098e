package dev.ngsign.ngs.agent.internal.console;

import dev.ngsign.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Static files under {@code /assets/<name>}, read once from the jar (resources in {@code
 * dev/ngsign/ngs/agent/internal/console/assets/}): nothing is fetched from a CDN at run time, so
 * the console works on a host without internet access. Names are a flat allow-listed pattern (no
 * path traversal); public (no login: they hold no data), cached by the browser for an hour.
 */
public final class Assets {
  /** The URL prefix. */
  public static final String PREFIX = "/assets/";

  private static final String ROOT = "/dev/ngsign/ngs/agent/internal/console/assets/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,80}");
  private static final Map<String, String> TYPES =
      Map.of(
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "woff2", "font/woff2",
          "json", "application/json");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** The asset's reply, or null when there is no such asset (404). */
  @Nullable Reply serve(String path) {
    String name = path.substring(PREFIX.length());
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      return null;
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      return null;
    }
    byte[] body = cache.computeIfAbsent(name, Assets::read);
    if (body.length == 0) {
      return null;
    }
    return new Reply(200, type, body, Map.of("Cache-Control", "public, max-age=3600"));
  }

  private static byte[] read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
