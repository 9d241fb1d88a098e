package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractEmTranIT} on Postgres. */
class PostgresEmTranIT extends AbstractEmTranIT {
  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
