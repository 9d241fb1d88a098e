package dev.ngsign.ngs.gateway.internal.deliver;

import dev.ngsign.ngs.gateway.internal.GatewayContext;
import dev.ngsign.ngs.gateway.internal.account.AccountState;
import dev.ngsign.ngs.gateway.internal.carrier.CarrierLog;
import dev.ngsign.ngs.gateway.internal.carrier.Outcome;
import dev.ngsign.ngs.gateway.internal.report.ReportStore;
import dev.ngsign.ngs.gateway.internal.report.SerialClaim;
import dev.ngsign.ngs.gateway.internal.report.StoreBatch;
import dev.ngsign.ngs.gateway.internal.session.Closer;
import dev.ngsign.ngs.gateway.internal.session.GatewaySession;
import dev.ngsign.ngs.protocol.MalformedDeliverException;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.content.ContentRules;
import dev.ngsign.ngs.protocol.content.ContentViolation;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.TpsClass;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every DELIVER with a DELIVER_ACK (section 4.3). In order: a body that does not decode
 * gets the code of the bad field; then the content rules of sections 4.3 and 6 (first violation's
 * code); a SERIAL already accepted for the account within the de-duplication window is the same
 * message (E_OK again, no new message or report); the class's TPS window (E_TPS_OVER, never
 * delayed); the monthly quota (E_QUOTA_OVER). Otherwise the message is accepted: a GWSERIAL, the
 * simulated carrier's outcome and a report due after the report delay are stored.
 *
 * <p>Crash safety: the ACKs of one read batch are collected with the batch's store changes; at the
 * end of the batch the changes are written to the store in one atomic write ({@link
 * ReportStore#write}: RocksDB's write-ahead log), and only then are the ACKs written and flushed.
 * An E_OK therefore never goes out before its SERIAL claim, pending report and quota use would
 * survive a kill -9. Without {@code fsync} the write goes to the page cache, so the event loop does
 * not wait for the disk, and no other thread is involved.
 */
public final class DeliverHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(DeliverHandler.class);

  private final GatewayContext gw;
  private final GatewaySession session;
  private final AccountState account;
  private final ReportStore store;
  private long monthStart = Long.MAX_VALUE;
  private long monthEnd = Long.MIN_VALUE;
  private YearMonth month;

  /** ACKs of the read batch being decoded. */
  private final List<DeliverAck> current = new ArrayList<>();

  /** Store changes of the read batch being decoded. */
  private final StoreBatch changes = new StoreBatch();

  /** The read batch's lines for the carriers' log, when it is kept. */
  private final CarrierLog.Batch carried = new CarrierLog.Batch();

  public DeliverHandler(GatewayContext gw, GatewaySession session) {
    this.gw = gw;
    this.session = session;
    this.account = session.account();
    this.store = gw.store();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Deliver d)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (Closer.closing(ctx.channel())) {
      return;
    }
    session.countIn();
    Integer scripted = gw.script().next(d);
    if (scripted != null) {
      if (scripted != DeliverScript.NO_ANSWER) {
        session.countOut();
        current.add(new DeliverAck(scripted, d.daAddr(), d.serial()));
      }
      return;
    }
    ResultCode rc;
    try {
      rc = accept(d);
    } catch (RuntimeException e) {
      log.warn("DELIVER from {} failed inside the gateway", account.id(), e);
      rc = ResultCode.E_SYS_FAIL;
    }
    gw.metrics().deliver(rc);
    if (rc != ResultCode.E_OK) {
      account.countRefused();
    }
    session.countOut();
    current.add(new DeliverAck(rc.code(), d.daAddr(), d.serial()));
  }

  /**
   * Ends the read batch: its store changes are journaled, then its ACKs go out. When the journal
   * cannot be written, no E_OK may go out: the session is closed (the client re-sends with the same
   * SERIALs).
   */
  private void endBatch(ChannelHandlerContext ctx) {
    if (!writeChanges()) {
      current.clear();
      Closer.closeWithEvent(ctx.channel(), ResultCode.E_SYS_FAIL, "gateway store failure");
      return;
    }
    if (current.isEmpty()) {
      return;
    }
    for (DeliverAck a : current) {
      ctx.write(a);
    }
    current.clear();
    ctx.flush();
  }

  private boolean writeChanges() {
    try {
      store.write(changes);
      if (gw.carrierLog() != null) {
        gw.carrierLog()
            .append(
                carried); // after the store: a kill in between leaves a gap, never a double line
      }
      return true;
    } catch (RuntimeException e) {
      carried.clear();
      log.error(
          "journal write failed: DELIVER_ACKs of {} withheld, session closed", account.id(), e);
      return false;
    }
  }

  /** A batch cut short by a close is still journaled: its reports must not stay unsendable. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    writeChanges();
    current.clear();
  }

  private ResultCode accept(Deliver d) {
    List<ContentViolation> violations = ContentRules.check(d);
    if (!violations.isEmpty()) {
      return violations.get(0).code();
    }
    // one account's claims in one order: two sessions of an account can overlap while both are
    // being closed
    synchronized (account) {
      return acceptValid(d);
    }
  }

  private ResultCode acceptValid(Deliver d) {
    long now = gw.clock().millis();
    String id = account.id();
    String gwSerial =
        store.nextGwSerial(); // allocated up front: a duplicate or refusal leaves a gap, nothing
    // more
    SerialClaim claim = store.claimSerial(id, d.serial(), gwSerial, now, changes);
    if (claim.isBusy()) {
      return ResultCode.E_SYS_BUSY; // the original is not yet durable: an E_OK now could outrun it
    }
    if (claim.isDuplicate()) {
      account.countDuplicate();
      gw.metrics().duplicate();
      return ResultCode.E_OK;
    }
    TpsClass cls = d.messageType().tpsClass();
    if (!account.tpsGuard().tryAcquire(cls, account.account().tps(), now)) {
      store.releaseSerial(claim, changes);
      return ResultCode.E_TPS_OVER;
    }
    YearMonth quotaMonth = monthOf(now);
    if (!account.quota().tryTake(quotaMonth, account.account().monthlyQuota())) {
      store.releaseSerial(claim, changes);
      return ResultCode.E_QUOTA_OVER;
    }
    try {
      Outcome o = gw.carrier().outcome(d);
      long due = account.nextDueAt(now, gw.reportDelayMillis());
      LocalDateTime sendTime =
          LocalDateTime.ofInstant(Instant.ofEpochMilli(due), GatewayContext.ZONE).withNano(0);
      store.storeReport(
          id,
          new Report(
              o.result().code(),
              o.message(),
              d.daAddr(),
              d.serial(),
              gwSerial,
              sendTime,
              o.telco()),
          due,
          quotaMonth,
          claim,
          changes);
    } catch (RuntimeException e) {
      // E_SYS_FAIL follows: the sender retries, and the retry must not look like a duplicate
      store.releaseSerial(claim, changes);
      throw e;
    }
    account.countAccepted(Math.floorDiv(now, 1000), cls);
    if (gw.carrierLog() != null) {
      carried.add(now, id, d.serial(), gwSerial, d.daAddr());
    }
    return ResultCode.E_OK;
  }

  private YearMonth monthOf(long now) {
    if (now < monthStart || now >= monthEnd) {
      ZonedDateTime t = Instant.ofEpochMilli(now).atZone(GatewayContext.ZONE);
      month = YearMonth.from(t);
      ZonedDateTime start = month.atDay(1).atStartOfDay(GatewayContext.ZONE);
      monthStart = start.toInstant().toEpochMilli();
      monthEnd = start.plusMonths(1).toInstant().toEpochMilli();
    }
    return month;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    endBatch(ctx);
    ctx.fireChannelReadComplete();
  }

  /** A DELIVER whose body does not decode is answered, not dropped: the session goes on. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof MalformedDeliverException e && !Closer.closing(ctx.channel())) {
      ResultCode rc = e.resultCode().orElse(ResultCode.E_MALFORMED_PACKET);
      log.debug("malformed DELIVER from {}: {}", account.id(), e.getMessage());
      session.countIn();
      session.countOut();
      gw.metrics().deliver(rc);
      account.countRefused();
      current.add(new DeliverAck(rc.code(), printable(e.daAddr()), printable(e.serial())));
      return; // goes out in order with the batch's other ACKs
    }
    ctx.fireExceptionCaught(cause);
  }

  /** Echoes an unreadable field only as printable ASCII, so the ACK itself always encodes. */
  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 20));
    for (int i = 0; i < s.length() && sb.length() < 20; i++) {
      char c = s.charAt(i);
      if (c > 0x20 && c < 0x7f) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
