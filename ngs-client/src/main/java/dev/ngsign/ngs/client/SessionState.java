package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One session's state: what it is doing, since when and why. Immutable; read it with {@link
 * NgsClient#sessionStates()} or be told of each change with {@link
 * NgsClientBuilder#sessionStateListener}.
 *
 * @param kind the deliver ({@code DLV}) or the report ({@code REP}) session
 * @param status what it is doing
 * @param since when it entered this status (the client's clock); a repeat of the same failure with
 *     the same code keeps the first time
 * @param reason why, in words, e.g. {@code bound}, {@code BIND DLV refused: E_AUTH_FAIL (1001):
 *     Unknown ID or wrong password} or {@code cannot connect to cert server 10.0.0.5:4400:
 *     Connection refused}; never a password
 * @param code the NGS RESULT of the refusal for {@link SessionStatus#LOGIN_REFUSED} and {@link
 *     SessionStatus#LOCKED}, else null
 */
public record SessionState(
    SessionKind kind, SessionStatus status, Instant since, String reason, @Nullable Integer code) {
  public SessionState {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(reason, "reason");
  }

  /** The refusal's NGS code, if the login was refused. */
  public OptionalInt refusalCode() {
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /** The refusal's code as a {@link ResultCode} ({@link ResultCode#UNKNOWN} outside the table). */
  public @Nullable ResultCode resultCode() {
    return code == null ? null : ResultCode.of(code);
  }

  public boolean bound() {
    return status == SessionStatus.BOUND;
  }
}
