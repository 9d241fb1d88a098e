package dev.ngsign.ngs.client.internal;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound session's dispatcher: DELIVER_ACK to the window, REPORT to the report dispatcher, EVENT
 * to the supervisor; a closed connection or a decode error drops the session pair.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

  private final SessionKind kind;
  private final SessionSupervisor supervisor;
  private final SendWindow window;
  private final ReportDispatcher reports;

  SessionHandler(
      SessionKind kind, SessionSupervisor supervisor, SendWindow window, ReportDispatcher reports) {
    this.kind = kind;
    this.supervisor = supervisor;
    this.window = window;
    this.reports = reports;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DeliverAck ack && kind == SessionKind.DELIVER) {
      window.onAck(ack);
    } else if (msg instanceof Report r && kind == SessionKind.REPORT) {
      reports.onReport(ctx.channel(), r);
    } else if (msg instanceof Event e) {
      supervisor.onEvent(ctx.channel(), e);
    } else {
      log.warn("[{}] unexpected {} on the {} session: ignored", supervisor.id(), msg, kind.code());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (kind == SessionKind.DELIVER) {
      window.drain();
    } else {
      reports.flushAcks(); // the REPORT_ACKs of this read batch
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    supervisor.onChannelLost(ctx.channel(), kind.code() + " session closed by the gateway", null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException
        && cause.getCause() instanceof NgsProtocolException pe
        && !framing(pe)) {
      // a bad body: NgsFrameDecoder consumed the frame and goes on. Dropping the pair would only
      // bring the
      // same packet back after the reconnect (a REPORT we cannot ACK), so log it and keep the
      // session.
      log.error(
          "[{}] unreadable packet on the {} session skipped: {}",
          supervisor.id(),
          kind.code(),
          pe.getMessage());
      return;
    }
    supervisor.onChannelLost(
        ctx.channel(), kind.code() + " session failed: " + cause.getMessage(), cause);
    ctx.close();
  }

  /** A header error: the byte stream cannot be trusted any more (the decoder discards the rest). */
  private static boolean framing(NgsProtocolException e) {
    return e.field().equals("HeadType") || e.field().equals("MsgLeng");
  }
}
