package dev.ngsign.ngs.agent.internal.lease;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which accounts this node holds. Every {@link #tick()} (each lease heartbeat) it renews
 * its node row, computes the live nodes (heartbeat within the lease timeout), and assigns each
 * account to one of them by rendezvous hashing, so accounts spread over nodes and a joining node
 * takes over only its share. It then renews what it holds, hands over what is now another node's
 * (stop, then release, so the other takes it at its next tick) and acquires what is its own and
 * free or expired.
 *
 * <p>A holder stops sending when it could not renew for {@code timeout - heartbeat}; another node
 * takes over only after {@code timeout}. The gap protects against two nodes sending for one account
 * (NGS would close both sessions); clocks of the nodes must agree to well within it (NTP). Not
 * thread-safe: one thread calls {@link #tick()}.
 */
public final class LeaseCoordinator {
  private static final Logger log = LoggerFactory.getLogger(LeaseCoordinator.class);

  private final LeaseStore store;
  private final String nodeId;
  private final List<String> accounts;
  private final Duration timeout;
  private final Duration heartbeat;
  private final Clock clock;
  private final ZoneId zone;
  private final LeaseListener listener;
  private final Map<String, Held> held = new HashMap<>();

  private record Held(long fence, Instant renewedAt) {}

  public LeaseCoordinator(
      LeaseStore store,
      String nodeId,
      List<String> accounts,
      Duration timeout,
      Duration heartbeat,
      Clock clock,
      ZoneId zone,
      LeaseListener listener) {
    this.store = store;
    this.nodeId = nodeId;
    this.accounts = List.copyOf(accounts);
    this.timeout = timeout;
    this.heartbeat = heartbeat;
    this.clock = clock;
    this.zone = zone;
    this.listener = listener;
  }

  /** One round; database failures are logged and the round's renewals count as missed. */
  public void tick() {
    Instant now = clock.instant();
    LocalDateTime ldt = LocalDateTime.ofInstant(now, zone);
    List<String> live;
    try {
      store.heartbeatNode(nodeId, ldt);
      live = store.liveNodes(LocalDateTime.ofInstant(now.minus(timeout), zone));
    } catch (RuntimeException e) {
      log.warn("lease round failed: {}", e.getMessage());
      stopOverdue(now);
      return;
    }
    if (!live.contains(nodeId)) {
      live = new ArrayList<>(live);
      live.add(nodeId);
    }
    for (String account : accounts) {
      String owner = owner(account, live);
      Held h = held.get(account);
      try {
        if (h != null) {
          if (!owner.equals(nodeId)) {
            log.info("handing account {} over to node {}", account, owner);
            held.remove(account);
            listener.stop(account, h.fence());
            store.release(account, nodeId, h.fence());
          } else if (store.renew(account, nodeId, h.fence(), ldt)) {
            held.put(account, new Held(h.fence(), now));
          } else {
            log.warn("lost the lease of account {} (fence {})", account, h.fence());
            held.remove(account);
            listener.stop(account, h.fence());
          }
        } else if (owner.equals(nodeId)) {
          long fence =
              store.tryAcquire(
                  account, nodeId, ldt, LocalDateTime.ofInstant(now.minus(timeout), zone));
          if (fence > 0) {
            log.info("acquired account {} (fence {})", account, fence);
            try {
              listener.acquired(account, fence);
              held.put(account, new Held(fence, now));
            } catch (RuntimeException e) {
              log.warn(
                  "account {}: could not start sending ({}); releasing the lease",
                  account,
                  e.getMessage());
              store.release(account, nodeId, fence);
            }
          }
        }
      } catch (RuntimeException e) {
        log.warn("lease of account {}: {}", account, e.getMessage());
      }
    }
    stopOverdue(now);
  }

  /** Stops every account whose lease could not be renewed for timeout - heartbeat. */
  private void stopOverdue(Instant now) {
    Duration limit = timeout.minus(heartbeat);
    for (var it = held.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (Duration.between(e.getValue().renewedAt(), now).compareTo(limit) >= 0) {
        log.warn("could not renew the lease of account {} for {}: stopping", e.getKey(), limit);
        it.remove();
        listener.stop(e.getKey(), e.getValue().fence());
      }
    }
  }

  /** Stops and releases everything (clean shutdown) and leaves the node table. */
  public void shutdown() {
    for (var e : new HashMap<>(held).entrySet()) {
      listener.stop(e.getKey(), e.getValue().fence());
      try {
        store.release(e.getKey(), nodeId, e.getValue().fence());
      } catch (RuntimeException ex) {
        log.warn("releasing account {}: {}", e.getKey(), ex.getMessage());
      }
    }
    held.clear();
    try {
      store.removeNode(nodeId);
    } catch (RuntimeException ex) {
      log.warn("leaving the node table: {}", ex.getMessage());
    }
  }

  /** The accounts this node holds now. */
  public Map<String, Long> held() {
    Map<String, Long> out = new HashMap<>();
    held.forEach((k, v) -> out.put(k, v.fence()));
    return out;
  }

  /**
   * The node that should hold {@code account}: highest hash of (account, node) among the live
   * nodes.
   */
  static String owner(String account, List<String> live) {
    String best = null;
    long bestScore = Long.MIN_VALUE;
    for (String n : new TreeSet<>(live)) {
      long s = score(account, n);
      if (best == null || s > bestScore) {
        best = n;
        bestScore = s;
      }
    }
    return best;
  }

  private static long score(String account, String node) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((account + "\u0000" + node).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
