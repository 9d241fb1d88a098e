package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.gateway.internal.GatewayContext;
import dev.ngsign.ngs.gateway.internal.session.Closer;
import dev.ngsign.ngs.gateway.internal.session.GatewaySession;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportAck;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report session (section 4.4): sends the account's due reports, at most {@code reportWindow}
 * waiting for REPORT_ACK at a time, and deletes each from the store when its REPORT_ACK (RESULT 0,
 * matching SERIAL and GWSERIAL) arrives. Reports sent but not acknowledged stay in the store and go
 * out again on the next report session of the account, even after a restart: duplicates only for
 * those. A report is {@linkplain ReportStore#take taken} by one report session at a time: another
 * session of the same account waits at it (polling) until it is acknowledged or given back, and a
 * session gives back what it still holds when it ends. State lives on the channel's event loop; the
 * store is polled every {@code reportPollInterval} and after every ACK.
 *
 * <p>Test fixture: when the account asks for it ({@code NgsGateway.resendAcknowledgedReports}), an
 * acknowledged report is sent once more, unchanged, right after its REPORT_ACK. The copy is not in
 * flight: its REPORT_ACK, like any ACK for nothing in flight, deletes nothing, and the store is not
 * involved.
 */
public final class ReportPumpHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ReportPumpHandler.class);

  private final GatewayContext gw;
  private final GatewaySession session;
  private final ReportStore store;
  private final int window;
  private final Map<String, PendingReport> inFlight = new HashMap<>(); // by GWSERIAL

  /** Acknowledged reports to send once more (test fixture); written ahead of the next due ones. */
  private final List<Report> resends = new ArrayList<>(0);

  /** Deletions of acknowledged reports, journaled once per read batch (nothing waits for them). */
  private final StoreBatch acked = new StoreBatch();

  private PendingReport cursor;
  private ScheduledFuture<?> poller;
  private ChannelHandlerContext ctx;

  public ReportPumpHandler(GatewayContext gw, GatewaySession session) {
    this.gw = gw;
    this.session = session;
    this.store = gw.store();
    this.window = gw.settings().reportWindow();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    long every = Math.max(1, gw.settings().reportPollInterval().toMillis());
    poller = ctx.executor().scheduleWithFixedDelay(this::pump, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  private void journalAcks() {
    try {
      store.write(acked);
    } catch (RuntimeException e) {
      // the deletions are made in the store; after a crash the reports would only be sent again
      log.warn("journaling REPORT_ACKs failed", e);
    }
  }

  private void stop() {
    journalAcks();
    if (!inFlight.isEmpty()) { // unacknowledged: the account's next report session sends them
      store.release(session.account().id(), inFlight.values());
      inFlight.clear();
    }
    if (poller != null) {
      poller.cancel(false);
      poller = null;
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      pump();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ReportAck ack)) {
      ctx.fireChannelRead(msg);
      return;
    }
    session.countIn();
    PendingReport p = inFlight.remove(ack.gwSerial());
    if (p == null) {
      return; // an ACK for nothing in flight deletes nothing
    }
    if (ack.result() == 0 && ack.serial().equals(p.report().serial())) {
      store.acknowledge(session.account().id(), p, acked);
      gw.metrics().reportAcked();
      if (session.account().claimReportResend()) {
        resends.add(p.report());
      }
    } else { // refused: the report stays stored and goes out again on the next report session
      store.release(session.account().id(), List.of(p));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    journalAcks();
    pump();
    ctx.fireChannelReadComplete();
  }

  private void pump() {
    if (ctx == null
        || poller == null
        || Closer.closing(ctx.channel())
        || !ctx.channel().isWritable()) {
      return;
    }
    boolean resent = !resends.isEmpty();
    if (resent) {
      writeResends();
    }
    int room = window - inFlight.size();
    List<PendingReport> due;
    try {
      due =
          room <= 0
              ? List.of()
              : store.take(session.account().id(), cursor, gw.clock().millis(), room);
    } catch (RuntimeException e) {
      // reports are read back from the store's files: when that fails, say so and close rather than
      // let
      // the poller die and the session wait for ever (the reports stay stored for the next session)
      log.error(
          "reading due reports of {} failed: report session closed", session.account().id(), e);
      Closer.closeWithEvent(ctx.channel(), ResultCode.E_SYS_FAIL, "gateway store failure");
      return;
    }
    if (due.isEmpty()) {
      if (resent) {
        ctx.flush();
      }
      return;
    }
    for (PendingReport p : due) {
      inFlight.put(p.report().gwSerial(), p);
      cursor = p;
      session.countOut();
      ctx.write(p.report());
      gw.metrics().reportSent();
    }
    ctx.flush();
  }

  private void writeResends() {
    for (Report r : resends) {
      session.countOut();
      ctx.write(r);
      gw.metrics().reportSent();
    }
    resends.clear();
  }
}
