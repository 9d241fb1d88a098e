package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractEmTranIT} on MariaDb. */
class MariaDbEmTranIT extends AbstractEmTranIT {
  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }
}
