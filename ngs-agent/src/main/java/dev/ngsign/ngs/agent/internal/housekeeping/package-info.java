/**
 * The periodic jobs one elected node runs on the tables: report timeouts, re-sends, log tables,
 * gauges.
 */
package dev.ngsign.ngs.agent.internal.housekeeping;
