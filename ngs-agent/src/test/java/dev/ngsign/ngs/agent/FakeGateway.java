package dev.ngsign.ngs.agent;

import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportFlag;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted gateway for engine tests: answers each DELIVER with a scripted ACK code (default
 * E_OK), then a REPORT (delivered, or the scripted one), records every DELIVER and whether two
 * sessions of one account were ever open at once.
 */
public final class FakeGateway implements MessageGateway {
  public final List<Deliver> sends = new CopyOnWriteArrayList<>();
  public final Map<String, AtomicInteger> sendsBySerial = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> acceptedBySerial = new ConcurrentHashMap<>();
  public final AtomicInteger reportsAcked = new AtomicInteger();
  public final AtomicInteger overlaps = new AtomicInteger();
  public final List<String> opened = new CopyOnWriteArrayList<>();
  public final Map<String, ReportSink> sinks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<String, Queue<Integer>> scriptedAcks = new ConcurrentHashMap<>();
  private final ExecutorService reporter =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "fake-reports");
            t.setDaemon(true);
            return t;
          });
  public volatile Function<Deliver, Report> reports = FakeGateway::deliveredReport;

  /** When true, DELIVERs get no ACK until the session closes (they then fail). */
  public volatile boolean silent;

  /** The next ACKs for a recipient number, in order; after them E_OK. */
  public void scriptAcks(String daAddr, Integer... codes) {
    scriptedAcks.computeIfAbsent(daAddr, k -> new ArrayDeque<>()).addAll(List.of(codes));
  }

  public static Report deliveredReport(Deliver d) {
    ReportMessage msg = ReportMessage.EMPTY;
    Telco telco = Telco.SK;
    if (d.messageType().isKakao()) {
      telco = Telco.KKO;
      if (d.daAddr().endsWith("9999") && d.kakao().failover() != Failover.NONE) {
        msg =
            ReportMessage.of(
                new ReportFlag.KakaoFailure("2103"), new ReportFlag.FinalType(MessageType.SMS));
        telco = Telco.SK;
      } else if (d.daAddr().endsWith("9999")) {
        return new Report(
            4005,
            ReportMessage.of(new ReportFlag.KakaoFailure("3018")),
            d.daAddr(),
            d.serial(),
            gw(d),
            null,
            Telco.ETC);
      }
    }
    return new Report(
        0, msg, d.daAddr(), d.serial(), gw(d), LocalDateTime.of(2026, 11, 24, 12, 0, 1), telco);
  }

  private static String gw(Deliver d) {
    return "GW" + d.serial();
  }

  @Override
  public GatewaySession open(AgentConfig.Account account, ReportSink sink) {
    opened.add(account.name());
    sinks.put(account.name(), sink);
    if (open.computeIfAbsent(account.name(), k -> new AtomicInteger()).incrementAndGet() > 1) {
      overlaps.incrementAndGet();
    }
    return new GatewaySession() {
      private final List<CompletableFuture<DeliverAck>> pending = new CopyOnWriteArrayList<>();
      private volatile boolean closed;

      @Override
      public CompletionStage<DeliverAck> send(Deliver d) {
        sends.add(d);
        sendsBySerial.computeIfAbsent(d.serial(), k -> new AtomicInteger()).incrementAndGet();
        CompletableFuture<DeliverAck> f = new CompletableFuture<>();
        if (closed) {
          f.completeExceptionally(new IllegalStateException("closed"));
          return f;
        }
        if (silent) {
          pending.add(f);
          return f;
        }
        Queue<Integer> q = scriptedAcks.get(d.daAddr());
        Integer code;
        synchronized (this) {
          code = q == null ? null : q.poll();
        }
        int result = code == null ? 0 : code;
        reporter.execute(
            () -> {
              if (result == 0) {
                acceptedBySerial
                    .computeIfAbsent(d.serial(), k -> new AtomicInteger())
                    .incrementAndGet();
              }
              f.complete(new DeliverAck(result, d.daAddr(), d.serial()));
              Report r = result == 0 ? reports.apply(d) : null;
              if (r != null) {
                sink.accept(r).thenRun(reportsAcked::incrementAndGet);
              }
            });
        return f;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          open.get(account.name()).decrementAndGet();
          for (CompletableFuture<DeliverAck> f : pending) {
            f.completeExceptionally(new IllegalStateException("session closed"));
          }
        }
      }
    };
  }

  /**
   * Sends a report out of the blue (e.g. for a SERIAL that does not exist) to the first account's
   * sink.
   */
  public int totalSends() {
    return sends.size();
  }
}
