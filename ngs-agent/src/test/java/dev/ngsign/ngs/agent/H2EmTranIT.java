package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.agent.internal.schema.Dialect;

/** {@link AbstractEmTranIT} on H2. */
class H2EmTranIT extends AbstractEmTranIT {
  @Override
  Dialect dialect() {
    return Dialect.H2;
  }
}
