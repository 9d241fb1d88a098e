package dev.ngsign.ngs.agent.internal.console.query;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last N minutes of {@link Traffic}, one point per minute, for the overview's charts. A minute
 * that ended more than {@link #SETTLE} ago is read once and kept (its REPORTs and ACKs are all
 * written by then), so a refresh every few seconds reads only the current and the previous minute:
 * the cost of a refresh does not grow with the window. Kept minutes also survive the log-table move
 * (rows leave the send table {@code log-table.after} after they finish, which may be shorter than
 * the window). Thread-safe.
 */
public final class TrafficHistory {
  /** How long after its end a minute may still change (write-behind of ACKs and REPORTs). */
  static final Duration SETTLE = Duration.ofSeconds(60);

  private final Traffic traffic;
  private final Clock clock;
  private final ZoneId zone;
  private final int minutes;
  private final Map<LocalDateTime, Map<String, Traffic.AccountTraffic>> settled =
      new ConcurrentHashMap<>();

  /** One minute's traffic by account; {@code start} in the tables' zone. */
  public record Minute(LocalDateTime start, Map<String, Traffic.AccountTraffic> accounts) {
    public Traffic.AccountTraffic of(String account) {
      return accounts.getOrDefault(account, Traffic.AccountTraffic.NONE);
    }
  }

  /**
   * @param zone the tables' zone
   * @param minutes the window (15 on the overview)
   */
  public TrafficHistory(Traffic traffic, Clock clock, ZoneId zone, int minutes) {
    this.traffic = traffic;
    this.clock = clock;
    this.zone = zone;
    this.minutes = minutes;
  }

  /** The window's minutes, oldest first; the last one is the current, partial minute. */
  public List<Minute> read() {
    // from the instant: a clock need not honour withZone (a test's MutableClock does not)
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
    LocalDateTime current = now.truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime first = current.minusMinutes(minutes - 1L);
    settled.keySet().removeIf(m -> m.isBefore(first));
    List<Minute> out = new ArrayList<>(minutes);
    for (LocalDateTime m = first; !m.isAfter(current); m = m.plusMinutes(1)) {
      LocalDateTime end = m.plusMinutes(1);
      Map<String, Traffic.AccountTraffic> kept = settled.get(m);
      if (kept == null) {
        kept = traffic.read(m, end);
        if (!end.plus(SETTLE).isAfter(now)) {
          settled.put(m, kept);
        }
      }
      out.add(new Minute(m, kept));
    }
    return out;
  }
}
