package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.gateway.SessionInfo;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import io.netty.channel.Channel;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** A bound session: the account, its kind and mode, and its channel. */
public final class GatewaySession {
  private final AccountState account;
  private final SessionKind kind;
  private final SessionMode mode;
  private final Channel channel;
  private final Instant boundAt;
  private final LongAdder packetsIn = new LongAdder();
  private final LongAdder packetsOut = new LongAdder();

  public GatewaySession(
      AccountState account, SessionKind kind, SessionMode mode, Channel channel, Instant boundAt) {
    this.account = account;
    this.kind = kind;
    this.mode = mode;
    this.channel = channel;
    this.boundAt = boundAt;
  }

  public AccountState account() {
    return account;
  }

  public SessionKind kind() {
    return kind;
  }

  public SessionMode mode() {
    return mode;
  }

  public Channel channel() {
    return channel;
  }

  public void countIn() {
    packetsIn.increment();
  }

  public void countOut() {
    packetsOut.increment();
  }

  public SessionInfo info() {
    return new SessionInfo(
        account.id(),
        kind,
        mode,
        String.valueOf(channel.remoteAddress()),
        boundAt,
        packetsIn.sum(),
        packetsOut.sum());
  }
}
