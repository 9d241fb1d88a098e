package dev.ngsign.ngs.gateway;

import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import java.time.Instant;

/**
 * A bound deliver or report session, as the admin API and {@link NgsGateway#sessions()} show it.
 *
 * @param account the account ID
 * @param kind DLV or REP
 * @param mode plain or encrypted
 * @param remoteAddress the client's address and port
 * @param boundAt when BIND succeeded (gateway clock)
 * @param packetsIn packets received since BIND
 * @param packetsOut packets sent since BIND
 */
public record SessionInfo(
    String account,
    SessionKind kind,
    SessionMode mode,
    String remoteAddress,
    Instant boundAt,
    long packetsIn,
    long packetsOut) {}
