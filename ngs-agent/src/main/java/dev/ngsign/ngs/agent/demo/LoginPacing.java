package dev.ngsign.ngs.agent.demo;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.internal.sender.BuilderAccess;
import java.time.Duration;

/**
 * A shorter login pacing for an agent talking to this project's gateway on loopback (the demo and
 * the benchmarks): a real NGS gateway refuses a second CERT within 3 s, so production keeps the
 * defaults (3.5 s between CERTs, 5 s first reconnect delay).
 */
public final class LoginPacing {
  private LoginPacing() {}

  /**
   * @param certMinInterval the least time between two CERTs
   * @param reconnect the first reconnect delay
   * @return {@code builder}
   */
  public static Agent.Builder shorten(
      Agent.Builder builder, Duration certMinInterval, Duration reconnect) {
    return BuilderAccess.loginPacing(builder, certMinInterval, reconnect);
  }
}
