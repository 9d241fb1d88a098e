package dev.ngsign.ngs.agent.internal.sender;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.BackoffStrategy;
import dev.ngsign.ngs.agent.GatewaySession;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.guard.SendingRules;
import dev.ngsign.ngs.agent.internal.guard.Verdict;
import dev.ngsign.ngs.agent.internal.metrics.AgentMetrics;
import dev.ngsign.ngs.agent.internal.reports.WriteBehind;
import dev.ngsign.ngs.agent.internal.store.Attachment;
import dev.ngsign.ngs.agent.internal.store.MessageRow;
import dev.ngsign.ngs.agent.internal.store.MessageStore;
import dev.ngsign.ngs.agent.internal.store.Outcome;
import dev.ngsign.ngs.agent.internal.store.WriteBack;
import dev.ngsign.ngs.agent.internal.wakeup.PollPacer;
import dev.ngsign.ngs.agent.internal.wakeup.Wakeup;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.content.ContentRules;
import dev.ngsign.ngs.protocol.content.ContentViolation;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one account's rows while this node holds the account's lease under {@code fence}: claims
 * due rows in batches, ends the ones that must not go (expired, refused by a guard or the content
 * rules), sends the rest through the session with at most {@code max-in-flight} awaiting their ACK,
 * and hands every result to the write-behind. One thread per account; completions run on the
 * session's threads.
 */
public final class AccountWorker {
  private static final Logger log = LoggerFactory.getLogger(AccountWorker.class);
  private static final long NOT_READY_RECHECK_NANOS = Duration.ofMillis(50).toNanos();
  private static final long PAUSED_RECHECK_NANOS = Duration.ofMillis(200).toNanos();

  private final AgentConfig config;
  private final AgentConfig.Account account;
  private final boolean includeUnassigned;
  private final long fence;
  private final MessageStore store;
  private final WriteBehind writer;
  private final GatewaySession session;
  private final SendingRules rules;
  private final BackoffStrategy backoff;
  private final Clock clock;
  private final ZoneId zone;
  private final AgentMetrics metrics;
  private final Semaphore permits;
  private final int maxInFlight;
  private final Wakeup wakeup;
  private final PollPacer pacer;
  private final Thread thread;
  private volatile boolean running = true;
  private long nextSendNanos = System.nanoTime();

  public AccountWorker(
      AgentConfig config,
      AgentConfig.Account account,
      boolean includeUnassigned,
      long fence,
      MessageStore store,
      WriteBehind writer,
      GatewaySession session,
      Clock clock,
      AgentMetrics metrics,
      Wakeup wakeup,
      boolean adaptivePoll) {
    this.config = config;
    this.wakeup = wakeup;
    this.pacer = new PollPacer(PollPacer.DEFAULT_FLOOR, config.polling().interval(), adaptivePoll);
    this.account = account;
    this.includeUnassigned = includeUnassigned;
    this.fence = fence;
    this.store = store;
    this.writer = writer;
    this.session = session;
    this.rules = new SendingRules(config.guards(), config.zone());
    this.backoff = config.retry().backoff();
    this.clock = clock;
    this.zone = config.zone();
    this.metrics = metrics;
    this.maxInFlight = config.polling().maxInFlight();
    this.permits = new Semaphore(maxInFlight);
    this.thread = new Thread(this::run, "ngs-agent-" + account.name());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public long fence() {
    return fence;
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), zone);
  }

  private void run() {
    long intervalNanos = config.polling().interval().toNanos();
    int batch = config.polling().batchSize();
    while (running) {
      try {
        if (!session.isReady()) {
          // bounded: a long poll interval (PostgreSQL, where it is only the fallback) must not
          // delay the first send
          LockSupport.parkNanos(this, Math.min(intervalNanos, NOT_READY_RECHECK_NANOS));
          continue;
        }
        if (store.pauses().paused(account.name())) {
          // paused in the console: no new claims; the session stays up for ACKs and reports
          LockSupport.parkNanos(this, PAUSED_RECHECK_NANOS);
          continue;
        }
        int free = permits.availablePermits();
        if (free == 0) {
          if (permits.tryAcquire(intervalNanos, TimeUnit.NANOSECONDS)) {
            permits.release();
          }
          continue;
        }
        int asked = Math.min(batch, free);
        long seen = wakeup.generation(); // before the claim: a notification during it is not lost
        List<MessageRow> rows =
            store
                .claims()
                .claim(account.name(), includeUnassigned, now(), asked, config.nodeId(), fence);
        if (!rows.isEmpty()) {
          process(rows);
        }
        long wait = pacer.afterClaim(rows.size(), asked);
        if (wait > 0 && running) {
          wakeup.await(seen, wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("account {}: {}", account.name(), e.getMessage());
        LockSupport.parkNanos(this, Duration.ofSeconds(1).toNanos());
      }
    }
  }

  private void process(List<MessageRow> rows) throws InterruptedException {
    List<Long> withMedia = new ArrayList<>();
    for (MessageRow r : rows) {
      if (RowMapper.mayHaveAttachments(r)) {
        withMedia.add(r.id());
      }
    }
    Map<Long, List<Attachment>> media = store.claims().attachments(withMedia);
    for (MessageRow r : rows) {
      LocalDateTime now = now();
      if (expired(r, now)) {
        local(
            r,
            MessageStatus.EXPIRED,
            AgentCode.EXPIRED.code(),
            AgentCode.EXPIRED.meaning(),
            null,
            false);
        continue;
      }
      String senderCode =
          r.senderCode() != null && !r.senderCode().isBlank()
              ? r.senderCode()
              : account.senderCode();
      Verdict v = rules.check(r.advertising(), r.subject(), r.text(), senderCode, clock.instant());
      if (v instanceof Verdict.Reject rej) {
        local(r, MessageStatus.REJECTED, rej.code(), rej.reason(), null, false);
        continue;
      }
      if (v instanceof Verdict.Hold hold) {
        local(r, MessageStatus.READY, null, hold.reason(), hold.until(), true);
        continue;
      }
      String serial = store.claims().serialOf(r);
      Deliver d;
      try {
        d = RowMapper.toDeliver(r, serial, senderCode, media.getOrDefault(r.id(), List.of()));
      } catch (RowMapper.BadRow e) {
        local(r, MessageStatus.REJECTED, e.code(), e.getMessage(), null, false);
        continue;
      }
      if (config.guards().contentRules()) {
        List<ContentViolation> violations = ContentRules.check(d);
        if (!violations.isEmpty()) {
          ContentViolation first = violations.get(0);
          local(
              r,
              MessageStatus.REJECTED,
              first.code().code(),
              first.field() + ": " + first.message(),
              null,
              false);
          continue;
        }
      }
      pace();
      permits.acquire();
      send(r, d, serial);
    }
  }

  private void send(MessageRow r, Deliver d, String serial) {
    metrics.sent(account.name(), serial);
    CompletionStage<DeliverAck> stage;
    try {
      stage = session.send(d);
    } catch (RuntimeException e) {
      completed(r, null, e);
      return;
    }
    stage.whenComplete((ack, err) -> completed(r, ack, err));
  }

  private void completed(MessageRow r, DeliverAck ack, Throwable err) {
    try {
      LocalDateTime now = now();
      int attempt = r.attempts() + 1;
      if (err != null || ack == null) {
        metrics.ack(account.name(), null);
        String why = err == null ? "no DELIVER_ACK" : "no DELIVER_ACK: " + err;
        writer.outcome(
            new Outcome(
                r.id(),
                fence,
                MessageStatus.READY,
                null,
                null,
                why,
                now.plus(backoff.delay(attempt)),
                false));
        return;
      }
      metrics.ack(account.name(), ack.result());
      if (ack.isOk()) {
        writer.ackOk(new WriteBack.AckOk(r.id(), fence, now));
        return;
      }
      ResultCode rc = ResultCode.of(ack.result());
      if (rc.retryable()) {
        if (attempt >= config.retry().maxAttempts()) {
          writer.outcome(
              new Outcome(
                  r.id(),
                  fence,
                  MessageStatus.FAILED,
                  ack.result(),
                  AgentCode.RETRIES_EXHAUSTED.code(),
                  "retries exhausted after "
                      + attempt
                      + " attempts; last "
                      + rc.name()
                      + ": "
                      + rc.meaning(),
                  null,
                  false));
        } else {
          writer.outcome(
              new Outcome(
                  r.id(),
                  fence,
                  MessageStatus.READY,
                  ack.result(),
                  ack.result(),
                  rc.name() + ": " + rc.meaning(),
                  now.plus(backoff.delay(attempt)),
                  false));
        }
      } else {
        writer.outcome(
            new Outcome(
                r.id(),
                fence,
                MessageStatus.REJECTED,
                ack.result(),
                ack.result(),
                (rc == ResultCode.UNKNOWN ? "code " + ack.result() : rc.name())
                    + ": "
                    + rc.meaning(),
                null,
                false));
      }
    } finally {
      permits.release();
    }
  }

  private void local(
      MessageRow r,
      MessageStatus status,
      Integer code,
      String msg,
      LocalDateTime nextTry,
      boolean refund) {
    if (code != null) {
      metrics.local(status.code(), code);
    }
    writer.outcome(new Outcome(r.id(), fence, status, null, code, msg, nextTry, refund));
  }

  private boolean expired(MessageRow r, LocalDateTime now) {
    if (r.expiresAt() != null) {
      return now.isAfter(r.expiresAt());
    }
    Duration ttl = config.expiry().defaultTtl();
    if (ttl.isZero() || ttl.isNegative()) {
      return false;
    }
    LocalDateTime from = r.scheduledAt() != null ? r.scheduledAt() : r.createdAt();
    return from != null && now.isAfter(from.plus(ttl));
  }

  /** The account's own TPS cap (the server's limits are the client's job). */
  private void pace() {
    int tps = account.tps();
    if (tps <= 0) {
      return;
    }
    long step = 1_000_000_000L / tps;
    long now = System.nanoTime();
    if (nextSendNanos < now - step) {
      nextSendNanos = now;
    }
    while (now < nextSendNanos) {
      LockSupport.parkNanos(nextSendNanos - now);
      now = System.nanoTime();
    }
    nextSendNanos += step;
  }

  /**
   * Stops claiming and waits (at most {@code drain}) until every sent DELIVER has its ACK; the
   * caller then closes the session, which fails whatever is still pending (those rows go back to
   * READY).
   */
  public void stop(Duration drain) {
    running = false;
    LockSupport.unpark(thread);
    wakeup.signal(); // ends the wait between claims (the other accounts' workers just claim once
    // more)
    try {
      thread.join(30_000);
      if (permits.tryAcquire(maxInFlight, drain.toNanos(), TimeUnit.NANOSECONDS)) {
        permits.release(maxInFlight);
      } else {
        log.warn(
            "account {}: {} DELIVERs still without ACK after {}",
            account.name(),
            maxInFlight - permits.availablePermits(),
            drain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the pending sends have completed (after the session closed). */
  public void awaitIdle(Duration max) {
    try {
      if (permits.tryAcquire(maxInFlight, max.toNanos(), TimeUnit.NANOSECONDS)) {
        permits.release(maxInFlight);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
