package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.Agent;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Lets the demo package set the client tuning of an {@link Agent.Builder} without a public builder
 * method (the JDK's "shared secrets" idiom): {@link Agent} installs the setter when its class
 * loads.
 */
public final class BuilderAccess {
  private static volatile BiFunction<Agent.Builder, NgsClientGateway.Tuning, Agent.Builder> setter;

  private BuilderAccess() {}

  /** Called once by {@link Agent}'s static initialiser. */
  public static void install(BiFunction<Agent.Builder, NgsClientGateway.Tuning, Agent.Builder> s) {
    setter = Objects.requireNonNull(s);
  }

  /** The builder with the default tuning's login pacing replaced. */
  public static Agent.Builder loginPacing(
      Agent.Builder b, Duration certMinInterval, Duration reconnect) {
    return setter.apply(
        b, NgsClientGateway.Tuning.defaults().withLoginPacing(certMinInterval, reconnect));
  }
}
