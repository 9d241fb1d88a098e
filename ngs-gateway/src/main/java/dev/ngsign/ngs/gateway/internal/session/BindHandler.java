package dev.ngsign.ngs.gateway.internal.session;

import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.internal.GatewayContext;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.account.ConnectGuard;
import dev.ngsign.ngs.gateway.internal.cert.CertKeyRegistry;
import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.FrameException;
import dev.ngsign.ngs.protocol.codec.NgsFrameDecoder;
import dev.ngsign.ngs.protocol.codec.NgsPacketEncoder;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first packet on the deliver and report ports must be a BIND (section 4.2). Checks, in order:
 * VERSION, KIND matches the port, KEYPOS, the account, its lock, the client address, PWD at KEYPOS,
 * the CERT_KEY (issued to this ID, within the bind window, each KIND once) and the TYPE allowed for
 * the account. A BIND whose ID and password are right while a session of its KIND is bound for the
 * ID closes both (section 1.2), whatever its CERT_KEY. On success it answers BIND_ACK with the
 * account's TPS, switches an encrypted session's codec to AES bodies, installs the session's
 * handlers and steps aside; on failure BIND_ACK carries {@code <code> <reason>} and the connection
 * closes.
 */
public final class BindHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(BindHandler.class);
  private static final int MESSAGE_SIZE = 40;

  /** A refusal: the code and the reason for BIND_ACK MESSAGE. */
  private record Refusal(ResultCode code, String reason) {}

  private final GatewayContext gw;
  private final SessionKind portKind;
  private final SessionInstaller installer;

  public BindHandler(GatewayContext gw, SessionKind portKind, SessionInstaller installer) {
    this.gw = gw;
    this.portKind = portKind;
    this.installer = installer;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Bind bind)) {
      ctx.fireChannelRead(msg); // anything else before BIND is unexpected: the tail closes
      return;
    }
    Channel ch = ctx.channel();
    if (Closer.closing(ch)) {
      return;
    }
    Instant now = gw.now();
    AccountState account = gw.account(bind.id());
    Refusal refusal = check(bind, account, (InetSocketAddress) ch.remoteAddress(), now);
    if (refusal != null) {
      if (refusal.code() == ResultCode.E_DUPLICATE_SESSION) {
        GatewaySession bound = gw.sessions().get(account.id(), bind.kind());
        if (bound != null) {
          gw.sessions().unregister(bound);
          Closer.closeWithEvent(
              bound.channel(),
              ResultCode.E_DUPLICATE_SESSION,
              "second " + bind.kind().code() + " session for " + bind.id() + ": both closed");
        }
      }
      refuse(ctx, bind.id(), refusal);
      return;
    }
    GatewaySession session = new GatewaySession(account, bind.kind(), bind.mode(), ch, now);
    GatewaySession existing = gw.sessions().register(session);
    if (existing != null) {
      Closer.closeWithEvent(
          existing.channel(),
          ResultCode.E_DUPLICATE_SESSION,
          "second " + bind.kind().code() + " session for " + bind.id() + ": both closed");
      refuse(
          ctx,
          bind.id(),
          new Refusal(ResultCode.E_DUPLICATE_SESSION, "second " + bind.kind().code() + " session"));
      return;
    }
    ch.closeFuture()
        .addListener(
            f -> {
              gw.sessions().unregister(session);
              gw.metrics().sessionClosed();
            });
    ChannelPipeline p = ctx.pipeline();
    if (bind.mode() == SessionMode.ENCRYPTED) {
      BodyCipher cipher = account.account().passwordHash().key(bind.keyPos()).bodyCipher();
      p.get(NgsFrameDecoder.class).bodyCipher(cipher);
      p.get(NgsPacketEncoder.class)
          .bodyCipher(cipher); // BIND_ACK itself is never encrypted (section 5.3)
    }
    gw.metrics().bind(ResultCode.E_OK);
    session.countIn();
    session.countOut();
    ctx.writeAndFlush(BindAck.success(account.account().tps()));
    long idle = gw.settings().idleTimeout().toMillis();
    p.addBefore(ctx.name(), "idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
    p.addBefore(
        ctx.name(), "keepalive", new KeepAliveHandler(session, gw.settings().idleTimeout()));
    installer.install(p, session, ctx.name());
    if (p.get(PreBindLimiter.class) != null) {
      p.remove(PreBindLimiter.class);
    }
    p.remove(this);
    log.debug(
        "BIND {} {} {} from {}",
        bind.id(),
        bind.kind().code(),
        bind.mode().code(),
        ch.remoteAddress());
  }

  private Refusal check(Bind bind, AccountState account, InetSocketAddress remote, Instant now) {
    if (!NgsVersion.VERSION.equals(bind.version())) {
      return new Refusal(ResultCode.E_INVALID_VERSION, "VERSION must be " + NgsVersion.VERSION);
    }
    if (bind.kind() != portKind) {
      return new Refusal(
          ResultCode.E_INVALID_KIND,
          "KIND " + bind.kind().code() + " on the " + portKind.code() + " port");
    }
    if (bind.keyPos() < 0 || bind.keyPos() > PasswordHash.HEX_LENGTH) {
      return new Refusal(ResultCode.E_INVALID_KEYPOS, "KEYPOS must be 0..64");
    }
    ConnectGuard guard =
        account != null ? account.connectGuard() : gw.existingUnknownIdGuard(bind.id());
    if (guard != null && guard.isLocked(now, remote.getAddress())) {
      return new Refusal(ResultCode.E_ACCOUNT_LOCKED, "account locked");
    }
    if (account == null) {
      return new Refusal(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    if (!account.addressAllowed(remote.getAddress())) {
      return new Refusal(
          ResultCode.E_IP_DENIED,
          "address " + remote.getAddress().getHostAddress() + " not registered");
    }
    Account a = account.account();
    if (!a.passwordHash().matchesPwdField(bind.pwd(), bind.keyPos())) {
      return new Refusal(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    // section 1.2: a second login of the ID ends both sessions, whatever CERT_KEY it carries (a
    // reused, an
    // expired or a fresh one alike): checked once the ID and password are proven, before the
    // CERT_KEY
    if (gw.sessions().get(a.id(), bind.kind()) != null) {
      return new Refusal(
          ResultCode.E_DUPLICATE_SESSION, "second " + bind.kind().code() + " session");
    }
    CertKeyRegistry.Refusal keyRefusal =
        gw.certKeys().claim(bind.certKey(), a.id(), bind.kind(), now.toEpochMilli());
    if (keyRefusal != null) {
      return new Refusal(ResultCode.E_INVALID_CERT_KEY, keyRefusal.message());
    }
    if (bind.mode() == SessionMode.ENCRYPTED && !a.encryptionAllowed()) {
      return new Refusal(ResultCode.E_ENCRYPT_NOT_ALLOWED, "TYPE P not allowed for this ID");
    }
    if (bind.mode() == SessionMode.PLAIN && a.encryptionRequired()) {
      return new Refusal(ResultCode.E_ENCRYPT_NOT_ALLOWED, "TYPE p not allowed: use P");
    }
    return null;
  }

  private void refuse(ChannelHandlerContext ctx, String id, Refusal r) {
    gw.metrics().bind(r.code());
    SecurityLog.warn(
        r.code() == ResultCode.E_ACCOUNT_LOCKED
            ? SecurityLog.Kind.LOCKED
            : SecurityLog.Kind.LOGIN_FAILED,
        ctx.channel().remoteAddress(),
        "BIND "
            + portKind.code()
            + " for ID "
            + SecurityLog.id(id)
            + " refused: "
            + r.code()
            + " "
            + r.reason());
    log.debug(
        "BIND id={} from {} refused: {} {}",
        id,
        ctx.channel().remoteAddress(),
        r.code(),
        r.reason());
    Closer.answerAndClose(
        ctx.channel(),
        BindAck.failure(r.code(), Closer.reason(r.code(), r.reason(), MESSAGE_SIZE)));
  }

  /**
   * A BIND whose body does not decode (bad TYPE, KIND, KEYPOS ...) still gets a BIND_ACK with the
   * code.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof NgsProtocolException e
        && !(c instanceof MalformedDeliverException)
        && !(c instanceof FrameException)
        && e.resultCode().isPresent()
        && !Closer.closing(ctx.channel())) {
      refuse(ctx, "?", new Refusal(e.resultCode().get(), "bad " + e.field()));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
