package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.internal.store.LogTables;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which monthly log tables a search reads. A row moves to the log table of the month it finished in
 * (UPDATED_AT, counted in the log's month zone), which is the month it was inserted in or a later
 * one: a search for rows inserted from {@code from} to {@code to} reads the months from {@code
 * from}'s to the month after {@code to}'s (a row inserted on a month's last evening finishes in the
 * next), never past the current month. Rows that finished later than that are not found: a message
 * scheduled or retried for over a month is rare, and reading every later month for it would make
 * every search as long as the archive.
 *
 * <p>Bounded: no {@code from}, no log table (the archive is searched by date); a range of at most
 * {@link #MAX_DAYS} days (so at most five tables); a search for a status no finished row has
 * (READY, SENDING, SENT) reads none.
 */
public final class ArchiveMonths {
  /** The longest insertion date range a search of the log tables covers. */
  public static final int MAX_DAYS = 93;

  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  private final ZoneId zone;
  private final ZoneId monthZone;
  private final Supplier<LocalDateTime> now;

  /**
   * @param zone the zone of the tables' timestamps
   * @param monthZone the zone whose calendar month names a log table ({@code log-table.month})
   * @param now now, in {@code zone}
   */
  public ArchiveMonths(ZoneId zone, ZoneId monthZone, Supplier<LocalDateTime> now) {
    this.zone = zone;
    this.monthZone = monthZone;
    this.now = now;
  }

  /** The months ({@code yyyyMM}) whose log tables {@code q} reads, oldest first. */
  List<String> months(SearchCriteria q) {
    if (q.from() == null || (q.status() != null && !q.status().terminal())) {
      return List.of();
    }
    LocalDateTime current = now.get();
    LocalDateTime to = q.to() == null ? current : q.to();
    if (Duration.between(q.from(), to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new SearchException(
          "to: "
              + to
              + " is more than "
              + MAX_DAYS
              + " days after from: "
              + q.from()
              + " (archived rows are searched at most "
              + MAX_DAYS
              + " days at a time)");
    }
    YearMonth first = month(q.from());
    YearMonth last = month(to).plusMonths(1);
    YearMonth thisMonth = month(current);
    if (last.isAfter(thisMonth)) {
      last = thisMonth;
    }
    List<String> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m.format(YYYYMM));
    }
    return months;
  }

  private YearMonth month(LocalDateTime at) {
    return YearMonth.parse(LogTables.month(at, zone, monthZone), YYYYMM);
  }
}
