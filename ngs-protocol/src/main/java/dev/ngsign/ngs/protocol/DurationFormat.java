package dev.ngsign.ngs.protocol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every ngsign configuration: the gateway's and the agent's YAML files,
 * the client's {@code properties(...)} and the command line all read durations here, so a value
 * that works in one place works in all of them.
 *
 * <p>Accepted, case-insensitive, surrounding blanks ignored:
 *
 * <ul>
 *   <li>{@code 0} — zero, without a unit;
 *   <li>a whole number and one unit, blanks allowed between them: {@code 500ms}, {@code 3s}, {@code
 *       10m}, {@code 24h}, {@code 2d} (a day is exactly 24 hours);
 *   <li>ISO-8601 as {@link Duration#parse} reads it: {@code PT1.5S}, {@code P1DT2H}.
 * </ul>
 *
 * <p>Anything else — an empty string, a unit alone, a fraction with a unit ({@code 1.5s}), a number
 * too large for {@link Duration} — is refused with an {@link IllegalArgumentException} whose
 * message quotes the value. This class has no state and is safe from any thread.
 */
public final class DurationFormat {
  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

  private DurationFormat() {}

  /**
   * Reads {@code text} by the grammar above.
   *
   * @throws IllegalArgumentException when {@code text} is not a duration; the message quotes it
   * @throws NullPointerException when {@code text} is null
   */
  public static Duration parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = NUMBER_AND_UNIT.matcher(v);
    try {
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
      if (v.startsWith("p") || v.startsWith("-p") || v.startsWith("+p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
    } catch (ArithmeticException | DateTimeParseException e) {
      throw refused(text, e);
    }
    throw refused(text, null);
  }

  /**
   * Writes {@code d} in the shortest form of the grammar that reads back to exactly {@code d}:
   * {@code 0}, {@code 2d}, {@code 24h} is written {@code 1d}, {@code 90s}, {@code 1500ms}; a
   * negative duration or one with sub-millisecond precision as ISO-8601.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.isNegative()
        || d.getNano() % 1_000_000 != 0
        || d.getSeconds() > Long.MAX_VALUE / 1000 - 1) {
      return d.toString();
    }
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }

  private static IllegalArgumentException refused(String text, Exception cause) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration like 500ms, 3s, 10m, 24h, 2d or PT3S", cause);
  }
}
