package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.client.NgsAuthenticationException;
import dev.ngsign.ngs.client.SessionState;
import dev.ngsign.ngs.client.SessionStateListener;
import dev.ngsign.ngs.client.SessionStates;
import dev.ngsign.ngs.client.SessionStatus;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionState} of the deliver and the report session, kept from what {@link
 * SessionSupervisor} sees. Written on the client's loop only; read from any thread (the pair is
 * published as one immutable {@link SessionStates}). A failure with the same status and code as the
 * one shown keeps its {@code since} (a refused login retried every few seconds is "refused since
 * 10:02", not a new state each time); listeners hear of changes of status or code only.
 */
final class SessionStateTracker {
  private static final Logger log = LoggerFactory.getLogger(SessionStateTracker.class);

  private final String id;
  private final Clock clock;
  private final List<SessionStateListener> listeners;
  private volatile SessionStates states;

  /**
   * Set when this attempt's CERT succeeded: a later failure is the gateway's, not the cert
   * server's.
   */
  private boolean certified;

  SessionStateTracker(String id, Clock clock, List<SessionStateListener> listeners) {
    this.id = id;
    this.clock = clock;
    this.listeners = listeners;
    var now = clock.instant();
    this.states =
        new SessionStates(
            new SessionState(SessionKind.DELIVER, SessionStatus.NEW, now, "not started", null),
            new SessionState(SessionKind.REPORT, SessionStatus.NEW, now, "not started", null));
  }

  SessionStates states() {
    return states;
  }

  /** A first login (or a login after a bound pair dropped) begins. */
  void connecting(String reason) {
    certified = false;
    set(SessionKind.DELIVER, SessionStatus.CONNECTING, reason, null);
    set(SessionKind.REPORT, SessionStatus.CONNECTING, reason, null);
  }

  /** A new CERT begins (retries keep the status shown until their outcome is known). */
  void attempt() {
    certified = false;
  }

  /** CERT_ACK came back OK: BIND follows. */
  void certified() {
    certified = true;
  }

  void bound() {
    set(SessionKind.DELIVER, SessionStatus.BOUND, "bound", null);
    set(SessionKind.REPORT, SessionStatus.BOUND, "bound", null);
  }

  /**
   * The attempt failed: {@code kind} is the session whose BIND failed, or null when the failure is
   * the pair's (CERT, the start watchdog). The other session of a BIND failure shows the same
   * status (it was closed with it) and says so.
   */
  void failed(@Nullable SessionKind kind, Throwable cause) {
    SessionStatus status;
    Integer code = null;
    if (cause instanceof NgsAuthenticationException a) {
      code = a.code();
      status =
          a.code() == ResultCode.E_ACCOUNT_LOCKED.code()
              ? SessionStatus.LOCKED
              : SessionStatus.LOGIN_REFUSED;
    } else {
      status =
          kind == null && !certified
              ? SessionStatus.CERT_SERVER_UNREACHABLE
              : SessionStatus.GATEWAY_UNREACHABLE;
    }
    String reason = String.valueOf(cause.getMessage());
    for (SessionKind k : SessionKind.values()) {
      set(
          k,
          status,
          kind == null || kind == k
              ? reason
              : "closed with the " + kind.code() + " session: " + reason,
          code);
    }
  }

  /** The bound pair dropped; the client logs in again. */
  void dropped(String reason) {
    connecting("session lost: " + reason);
  }

  /** Closed for good; a failure shown until now stays in the reason (with its code). */
  void closed() {
    SessionStates now = states;
    for (SessionState s : new SessionState[] {now.deliver(), now.report()}) {
      set(
          s.kind(),
          SessionStatus.CLOSED,
          s.status().failed() ? "closed after: " + s.reason() : "closed",
          s.status().failed() ? s.code() : null);
    }
  }

  private void set(SessionKind kind, SessionStatus status, String reason, @Nullable Integer code) {
    SessionStates before = states;
    SessionState old = kind == SessionKind.DELIVER ? before.deliver() : before.report();
    if (old.status() == SessionStatus.CLOSED) {
      return;
    }
    boolean same = old.status() == status && Objects.equals(old.code(), code);
    if (same && old.reason().equals(reason)) {
      return;
    }
    SessionState next =
        new SessionState(kind, status, same ? old.since() : clock.instant(), reason, code);
    states =
        kind == SessionKind.DELIVER
            ? new SessionStates(next, before.report())
            : new SessionStates(before.deliver(), next);
    if (same) {
      return; // a repeat: the reason is updated, listeners are not woken for it
    }
    for (SessionStateListener l : listeners) {
      try {
        l.onSessionState(next);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        log.warn("[{}] session state listener failed", id, e);
      }
    }
  }
}
