package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractAgentIT} on H2. */
class H2AgentIT extends AbstractAgentIT {
  @Override
  Dialect dialect() {
    return Dialect.H2;
  }
}
