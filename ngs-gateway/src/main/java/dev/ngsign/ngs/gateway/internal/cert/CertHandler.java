package dev.ngsign.ngs.gateway.internal.cert;

import dev.ngsign.ngs.gateway.internal.GatewayContext;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.account.ConnectGuard;
import dev.ngsign.ngs.gateway.internal.session.Closer;
import dev.ngsign.ngs.gateway.internal.session.SecurityLog;
import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.FrameException;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one CERT with CERT_ACK and closes the connection (section 4.1). Checks, in order:
 * VERSION, KEYPOS, the connect lock of the ID and source address (the attempt counts towards it;
 * unknown IDs alike), the account exists, the client address, PWD, and at most one successful CERT
 * per account per {@code certInterval}. On failure SERVER_IP carries {@code <code> <reason>} and
 * the ports are empty.
 */
public final class CertHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CertHandler.class);
  private static final int SERVER_IP_SIZE = 40;

  private final GatewayContext gw;

  public CertHandler(GatewayContext gw) {
    this.gw = gw;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Cert cert)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (Closer.closing(ctx.channel())) {
      return;
    }
    CertAck ack = answer(cert, (InetSocketAddress) ctx.channel().remoteAddress());
    log.debug(
        "CERT id={} from {}: result {}", cert.id(), ctx.channel().remoteAddress(), ack.result());
    Closer.answerAndClose(ctx.channel(), ack);
  }

  private CertAck answer(Cert cert, InetSocketAddress remote) {
    Instant now = gw.now();
    if (!NgsVersion.VERSION.equals(cert.version())) {
      return fail(ResultCode.E_INVALID_VERSION, "VERSION must be " + NgsVersion.VERSION);
    }
    if (cert.keyPos() < 0 || cert.keyPos() > PasswordHash.HEX_LENGTH) {
      return fail(ResultCode.E_INVALID_KEYPOS, "KEYPOS must be 0..64");
    }
    AccountState account = gw.account(cert.id());
    // unknown IDs count and lock exactly like known ones, per source address: the answers reveal
    // nothing
    ConnectGuard guard = account != null ? account.connectGuard() : gw.unknownIdGuard(cert.id());
    if (guard.attempt(now, remote.getAddress())) {
      Instant until = guard.lockedUntil(now, remote.getAddress());
      SecurityLog.warn(
          SecurityLog.Kind.LOCKED,
          remote,
          "CERT for ID "
              + SecurityLog.id(cert.id())
              + " refused: locked"
              + (until == null ? "" : " until " + until));
      return fail(
          ResultCode.E_ACCOUNT_LOCKED,
          "account locked"
              + (until == null
                  ? ""
                  : " until "
                      + LocalTime.ofInstant(until, GatewayContext.ZONE)
                          .truncatedTo(ChronoUnit.SECONDS)));
    }
    if (account == null) {
      SecurityLog.warn(
          SecurityLog.Kind.LOGIN_FAILED,
          remote,
          "CERT for ID " + SecurityLog.id(cert.id()) + ": unknown ID");
      return fail(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    if (!account.addressAllowed(remote.getAddress())) {
      SecurityLog.warn(
          SecurityLog.Kind.LOGIN_FAILED,
          remote,
          "CERT for ID " + account.id() + ": address not registered");
      return fail(
          ResultCode.E_IP_DENIED,
          "address " + remote.getAddress().getHostAddress() + " not registered");
    }
    if (!account.account().passwordHash().matchesPwdField(cert.pwd(), cert.keyPos())) {
      SecurityLog.warn(
          SecurityLog.Kind.LOGIN_FAILED,
          remote,
          "CERT for ID " + account.id() + ": wrong password");
      return fail(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    if (!account.claimCert(now.toEpochMilli(), gw.settings().certInterval())) {
      return fail(
          ResultCode.E_CERT_TOO_OFTEN,
          "one CERT per " + gw.settings().certInterval().toMillis() + "ms");
    }
    String key = gw.certKeys().issue(account.id(), now.toEpochMilli());
    gw.metrics().cert(ResultCode.E_OK);
    return CertAck.success(key, gw.settings().advertisedHost(), gw.deliverPort(), gw.reportPort());
  }

  private CertAck fail(ResultCode code, String reason) {
    gw.metrics().cert(code);
    return CertAck.failure(code, Closer.reason(code, reason, SERVER_IP_SIZE));
  }

  /** A CERT whose body does not decode still gets a CERT_ACK with the field's code. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof NgsProtocolException e
        && !(c instanceof MalformedDeliverException)
        && !(c instanceof FrameException)
        && e.resultCode().isPresent()
        && !Closer.closing(ctx.channel())) {
      SecurityLog.warn(
          SecurityLog.Kind.MALFORMED, ctx.channel().remoteAddress(), "CERT: " + e.getMessage());
      Closer.answerAndClose(ctx.channel(), fail(e.resultCode().get(), "bad " + e.field()));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
