package dev.ngsign.ngs.gateway.internal.admin;

import dev.ngsign.ngs.gateway.GatewayCounters;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.SessionInfo;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * All the admin API may see and do: typed reads for its GET routes and the three operator actions.
 * The gateway implements it; the HTTP layer knows nothing else of the gateway, so a new route needs
 * a method here first. Every method is safe from any thread.
 */
public interface AdminOperations {
  /** The ports listening, or null while starting. */
  @Nullable GatewayPorts ports();

  /** The gateway's clock now (the rules' time, which a test may have moved). */
  Instant now();

  /** Bound sessions. */
  List<SessionInfo> sessions();

  /** Every configured account. */
  List<AccountView> accounts();

  /** Gateway-wide counters. */
  GatewayCounters counters();

  /** Prometheus text exposition of the gateway's meters. */
  String prometheus();

  /** Whether an account with this ID is configured. */
  boolean hasAccount(String id);

  /**
   * Changes the account's TPS and sends EVENT type 1 to its sessions; returns how many were told.
   */
  int setTps(String id, TpsLimits tps);

  /**
   * Closes the account's sessions of {@code kind} (null: both) with EVENT type 0; returns how many.
   */
  int kick(String id, @Nullable SessionKind kind, @Nullable String reason);

  /** Lifts the connect lock; returns whether the account was locked. */
  boolean unlock(String id);
}
