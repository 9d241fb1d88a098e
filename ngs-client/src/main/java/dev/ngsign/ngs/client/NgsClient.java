package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.packet.TpsLimits;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One NGS account's connection: a deliver session for sending and a report session for results,
 * kept bound for you (CERT → BIND DLV + BIND REP, LINK keepalive, ACK timeouts, reconnect, TPS,
 * encryption). Thread-safe; build one per account and share it.
 *
 * <pre>{@code
 * NgsClient client = NgsClient.builder()
 *     .certServer("cert.example.com", 4400)
 *     .account("myid", password)
 *     .senderCode("101280092")
 *     .reportListener(r -> reports.save(r))     // REPORT_ACK only after this returns
 *     .build();
 * client.start();                               // blocks until both sessions are bound
 * DeliverResult ok = client.sendAndWait(Sms.builder().to("01020001234").from("15880000").text("hi").build());
 * client.close();                               // drains in-flight sends first
 * }</pre>
 */
public interface NgsClient extends AutoCloseable {

  /** The one way to make a client. */
  static NgsClientBuilder builder() {
    return new NgsClientBuilder();
  }

  /**
   * Runs CERT, then BIND DLV and BIND REP, and completes when both sessions are bound. Fails (and
   * the client closes) when the first attempt fails: wrong password ({@link
   * NgsAuthenticationException}), unreachable server ({@link NgsConnectionException}). Later drops
   * are handled by reconnecting. Calling it again returns the same future.
   */
  CompletableFuture<Void> startAsync();

  /** {@link #startAsync()} and wait for it; throws what it fails with. */
  void start();

  /**
   * Queues a message and returns at once (unless the queue is full: then it blocks up to {@link
   * NgsClientBuilder#maxBlock}). The future completes with the DELIVER_ACK, or fails with {@link
   * NgsRejectedException} (a refusal the retry policy gave up on), {@link
   * NgsInvalidMessageException}, {@link NgsConnectionException}/{@link NgsTimeoutException}
   * (session lost or no ACK: see {@code maybeDelivered()}), {@link NgsQueueFullException} or {@link
   * NgsClosedException}. Never completes on the caller's thread synchronously except for those
   * immediate failures. Dependent stages run on the client's I/O thread: do not block in them (use
   * the {@code *Async} variants with your executor).
   */
  CompletableFuture<DeliverResult> send(NgsMessage message);

  /**
   * Sends and waits for the DELIVER_ACK.
   *
   * @throws NgsException the subtype the future of {@link #send} would fail with
   */
  DeliverResult sendAndWait(NgsMessage message);

  /**
   * A future for the REPORT with this SERIAL, completed after the {@link ReportListener} (if any)
   * returned and the REPORT_ACK was sent. Best registered before sending (a message's SERIAL is
   * known once built); called after the report arrived, it completes at once from the memory of
   * recent reports ({@link NgsClientBuilder#recentReports}, default the latest 10,000), or fails at
   * once with {@link NgsReportForgottenException} when the report arrived and has already been
   * forgotten. Cancel it or use {@code orTimeout} when you stop caring; it fails with {@link
   * NgsClosedException} on close, and at once when the client is already closed.
   */
  CompletableFuture<NgsReport> awaitReport(String serial);

  /** The account ID (never the password). */
  String accountId();

  ConnectionState state();

  /**
   * The deliver and the report session now: bound, connecting, login refused (with the NGS code),
   * locked, cert server or gateway unreachable, closed — since when and why. Changes are also told
   * to {@link NgsClientBuilder#sessionStateListener}.
   */
  SessionStates sessionStates();

  /** The TPS limits in force (from BIND_ACK, then EVENT type 1); empty before the first bind. */
  Optional<TpsLimits> tpsLimits();

  /** Messages sent and waiting for their DELIVER_ACK. */
  int inFlight();

  /**
   * Messages accepted by {@link #send} and not yet completed (queued, in flight or waiting to
   * retry).
   */
  int pending();

  /**
   * Stops accepting sends, waits for pending ones up to {@link NgsClientBuilder#closeTimeout},
   * fails the rest with {@link NgsClosedException}, then closes both sessions. Idempotent.
   */
  CompletableFuture<Void> closeAsync();

  /** {@link #closeAsync()} and wait for it. */
  @Override
  void close();
}
