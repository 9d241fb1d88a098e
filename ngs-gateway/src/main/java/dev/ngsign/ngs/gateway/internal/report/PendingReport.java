package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;

/** A stored report and its store key (needed to delete it when REPORT_ACK comes). */
public record PendingReport(String key, Report report) {}
