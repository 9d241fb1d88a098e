/**
 * The periodic jobs one elected node runs on the tables: report timeouts, re-sends, log tables,
 * gauges.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.housekeeping;

import org.jspecify.annotations.NullMarked;
