package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;

/**
 * A report waiting for REPORT_ACK, as the store hands it out: its due time and GWSERIAL say where
 * it is in the account's queue (to acknowledge it, or to go on after it).
 */
public record PendingReport(long dueAt, long gwSerial, Report report) {}
