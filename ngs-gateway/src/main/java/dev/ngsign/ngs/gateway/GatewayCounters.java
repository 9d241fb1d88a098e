package dev.ngsign.ngs.gateway;

import java.util.Map;
import java.util.Objects;

/**
 * Gateway-wide counters since start, as {@link NgsGateway#counters()} and the admin API's {@code
 * GET /counters} show them.
 *
 * @param delivers DELIVERs answered per result code name ({@code E_OK}, {@code E_TPS_OVER}, …);
 *     codes never answered are absent; iteration follows the result code table
 * @param duplicates DELIVERs answered E_OK as repeats of an already accepted SERIAL
 * @param reportsSent REPORTs sent, repeats included
 * @param reportsAcked REPORT_ACKs received
 * @param pendingReports reports of all accounts not yet acknowledged (due or not)
 * @param sessions bound sessions now
 * @param heapUsedBytes heap in use now, garbage included
 * @param heapMaxBytes the heap's limit
 * @param heapAfterLastGcBytes the heap each pool kept after its last collection (a pool never
 *     collected counts its current use): an upper bound of live data
 */
public record GatewayCounters(
    Map<String, Long> delivers,
    long duplicates,
    long reportsSent,
    long reportsAcked,
    long pendingReports,
    int sessions,
    long heapUsedBytes,
    long heapMaxBytes,
    long heapAfterLastGcBytes) {

  public GatewayCounters {
    // unmodifiable, in the order given (Map.copyOf would lose the result-code order)
    delivers =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Objects.requireNonNull(delivers, "delivers")));
  }
}
