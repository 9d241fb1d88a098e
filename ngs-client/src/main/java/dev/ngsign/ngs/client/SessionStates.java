package dev.ngsign.ngs.client;

import java.util.Objects;

/**
 * Both sessions of a client at one moment.
 *
 * @param deliver the deliver session ({@code DLV}: DELIVER out, DELIVER_ACK in)
 * @param report the report session ({@code REP}: REPORT in, REPORT_ACK out)
 */
public record SessionStates(SessionState deliver, SessionState report) {
  public SessionStates {
    Objects.requireNonNull(deliver, "deliver");
    Objects.requireNonNull(report, "report");
  }

  /** True when both sessions are bound. */
  public boolean bound() {
    return deliver.bound() && report.bound();
  }
}
