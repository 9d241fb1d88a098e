package dev.ngsign.ngs.agent;

/**
 * Observes when each row passes the steps of its way out, as {@link System#nanoTime()} values: for
 * benchmarks ({@code ngsign bench-agent --rate}) and tracing. Off unless set with {@link
 * Agent.Builder#milestones}; then the agent calls it on its own threads (the session's I/O thread,
 * the write-behind thread), so an implementation must be thread-safe and return at once. Rows the
 * agent ends without sending (expired, refused) and DELIVERs the gateway refuses pass none of
 * these.
 */
public interface RowMilestones {
  /**
   * The DELIVER with this SERIAL was handed to the gateway's socket at {@code nanoTime} (reported
   * when its E_OK DELIVER_ACK arrives; with a {@link MessageGateway} of the application's own,
   * never).
   */
  default void deliverWritten(String serial, long nanoTime) {}

  /** The E_OK DELIVER_ACK of row {@code id} was committed to the send table at {@code nanoTime}. */
  default void ackWritten(long id, long nanoTime) {}

  /**
   * The REPORT for this SERIAL was committed at {@code nanoTime} (its REPORT_ACK goes out after
   * this).
   */
  default void reportWritten(String serial, long nanoTime) {}

  /** Observes nothing (the default). */
  RowMilestones NONE = new RowMilestones() {};
}
