package dev.ngsign.ngs.agent.internal.guard;

import java.time.LocalDateTime;

/** What a guard decides about one row. */
public sealed interface Verdict {
  Verdict PASS = new Pass();

  /** Send it. */
  record Pass() implements Verdict {}

  /** Not now: back to READY until {@code until} (advertising outside the window). */
  record Hold(LocalDateTime until, String reason) implements Verdict {}

  /** Never: REJECTED with this code. */
  record Reject(int code, String reason) implements Verdict {}
}
