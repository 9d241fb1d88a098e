package dev.ngsign.ngs.agent.internal.console;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The actual send rate of the accounts this node holds: the DELIVERs counted by the agent's meter
 * ({@code ngs_agent_sent_total}) between two overview refreshes at least {@link #MIN_SPAN} apart.
 * The meter, not the table: a rate of now, every DELIVER (also those a retry later overwrote in the
 * row), at no cost to the database.
 */
final class SendRates {
  static final Duration MIN_SPAN = Duration.ofSeconds(1);

  private record Sample(Instant at, double total, double rate) {}

  private final Map<String, Sample> last = new HashMap<>();

  /**
   * @param total DELIVERs sent for the account since the agent started
   * @return messages per second since the previous sample, or -1 before there is one
   */
  synchronized double rate(String account, double total, Instant now) {
    Sample prev = last.get(account);
    if (prev == null) {
      last.put(account, new Sample(now, total, -1));
      return -1;
    }
    Duration span = Duration.between(prev.at(), now);
    if (span.compareTo(MIN_SPAN) < 0) {
      return prev.rate();
    }
    double rate = Math.max(0, total - prev.total()) * 1000.0 / span.toMillis();
    last.put(account, new Sample(now, total, rate));
    return rate;
  }
}
