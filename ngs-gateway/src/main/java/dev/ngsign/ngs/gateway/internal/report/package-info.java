/**
 * Reports that wait for REPORT_ACK, the SERIAL de-duplication window and the GWSERIAL sequence: a log of
 * records in the data directory with in-memory indexes that point into it; and the pump that sends due
 * reports on a report session.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.report;

import org.jspecify.annotations.NullMarked;
