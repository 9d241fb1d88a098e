package dev.ngsign.ngs.gateway.internal.carrier;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;

/** What the simulated carrier reports for one message: REPORT RESULT, MESSAGE and TELCOINFO. */
public record Outcome(ResultCode result, ReportMessage message, Telco telco) {}
