package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractAgentIT} on Postgres. */
class PostgresAgentIT extends AbstractAgentIT {
  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
