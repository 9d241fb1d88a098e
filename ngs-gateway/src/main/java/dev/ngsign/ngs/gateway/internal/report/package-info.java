/**
 * Reports that wait for REPORT_ACK, the SERIAL de-duplication window and the GWSERIAL sequence, kept in an
 * H2 MVStore file in the data directory; and the pump that sends due reports on a report session.
 */
package dev.ngsign.ngs.gateway.internal.report;
