/**
 * Reports that wait for REPORT_ACK, the SERIAL de-duplication window, the GWSERIAL sequence and
 * quota use: a small {@link dev.ngsign.ngs.gateway.internal.report.ReportStore} interface of domain
 * operations, its RocksDB implementation, and the pump that sends due reports on a report session.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.report;

import org.jspecify.annotations.NullMarked;
