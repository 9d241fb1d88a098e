package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractAgentIT} on MariaDb. */
class MariaDbAgentIT extends AbstractAgentIT {
  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }
}
