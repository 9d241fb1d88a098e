package dev.ngsign.ngs.gateway.internal.cert;

import dev.ngsign.ngs.gateway.internal.GatewayContext;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.session.Closer;
import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.ResultCode;
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
 * Answers one CERT with CERT_ACK and closes the connection (section 4.1). Checks, in order: VERSION,
 * KEYPOS, the account exists, the connect lock (the attempt counts towards it), the client address, PWD,
 * and at most one successful CERT per account per {@code certInterval}. On failure SERVER_IP carries
 * {@code <code> <reason>} and the ports are empty.
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
    log.debug("CERT id={} from {}: result {}", cert.id(), ctx.channel().remoteAddress(), ack.result());
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
    if (account == null) {
      return fail(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    if (account.connectGuard().attempt(now)) {
      Instant until = account.connectGuard().lockedUntil(now);
      return fail(ResultCode.E_ACCOUNT_LOCKED, "account locked"
          + (until == null ? "" : " until " + LocalTime.ofInstant(until, GatewayContext.ZONE).truncatedTo(ChronoUnit.SECONDS)));
    }
    if (!account.addressAllowed(remote.getAddress())) {
      return fail(ResultCode.E_IP_DENIED, "address " + remote.getAddress().getHostAddress() + " not registered");
    }
    if (!account.account().passwordHash().matchesPwdField(cert.pwd(), cert.keyPos())) {
      return fail(ResultCode.E_AUTH_FAIL, "unknown ID or wrong password");
    }
    if (!account.claimCert(now.toEpochMilli(), gw.settings().certInterval())) {
      return fail(ResultCode.E_CERT_TOO_OFTEN, "one CERT per " + gw.settings().certInterval().toMillis() + "ms");
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
    Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof NgsProtocolException e && !(c instanceof MalformedDeliverException) && e.resultCode().isPresent()
        && !Closer.closing(ctx.channel())) {
      log.debug("bad CERT from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
      Closer.answerAndClose(ctx.channel(), fail(e.resultCode().get(), "bad " + e.field()));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
