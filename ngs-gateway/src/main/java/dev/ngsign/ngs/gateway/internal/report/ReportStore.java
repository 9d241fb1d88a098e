package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The gateway's durable state, in the domain's terms: SERIAL claims (the de-duplication window),
 * reports waiting for REPORT_ACK, the GWSERIAL sequence and monthly quota use.
 *
 * <p>Durability: a session's changes are collected in its {@link StoreBatch} and made durable
 * together by {@link #write}; only after that do the DELIVER_ACKs that depend on them go out, and
 * only then are the batch's reports {@linkplain #due due}. A written batch survives a kill -9 of
 * the gateway (and a power loss when the store was opened with {@code fsync}). Quota use is written
 * with the messages it counts, so a crash forgets neither. What no ACK waits for (REPORT_ACK
 * deletions) is written without being waited on: after a crash such a report may be sent once more.
 * A store without a data directory is temporary (deleted on close) and keeps nothing past the
 * process, so it writes no log.
 *
 * <p>Threading: every method may be called from any thread; one batch is used by one thread at a
 * time. Claims of one account must be serialised by the caller.
 */
public interface ReportStore extends AutoCloseable {

  /** Opens (or creates) the store that {@code options} describe. */
  static ReportStore open(StoreOptions options, long nowMillis) {
    return RocksReportStore.open(options, nowMillis);
  }

  /** A new GWSERIAL: 15 digits, unique across restarts on the same data directory. */
  String nextGwSerial();

  /**
   * The SERIAL's latest record, or null when the account never sent it (or it expired and was
   * swept).
   */
  SerialRecord serial(String account, String serial);

  /**
   * Claims {@code serial} for a new message with {@code gwSerial}. A SERIAL accepted less than the
   * window ago is a duplicate: its record counts one more DELIVER (written with {@code batch}) and
   * nothing is claimed; but while that message is still waiting for another batch's write, the
   * claim is {@linkplain SerialClaim#isBusy busy}. A claim becomes durable only through {@link
   * #storeReport} and {@link #write}, or it is {@linkplain #releaseSerial released}.
   */
  SerialClaim claimSerial(
      String account, String serial, String gwSerial, long nowMillis, StoreBatch batch);

  /**
   * Undoes a claim whose message was refused after all (TPS, quota): the SERIAL is as it was
   * before.
   */
  void releaseSerial(SerialClaim claim, StoreBatch batch);

  /**
   * Stores a new message's report, due at {@code dueAtMillis}, with its SERIAL claim and one unit
   * of the account's quota in {@code quotaMonth}, in {@code batch}.
   */
  void storeReport(
      String account,
      Report report,
      long dueAtMillis,
      YearMonth quotaMonth,
      SerialClaim claim,
      StoreBatch batch);

  /**
   * Makes a batch's changes durable (one atomic write) and visible. When the write fails nothing of
   * the batch is stored and a {@link StoreException} is thrown. Empties the batch either way.
   */
  void write(StoreBatch batch);

  /**
   * Up to {@code max} of the account's reports due at {@code nowMillis}, in due order, starting
   * after {@code after} (null: from the first). Reading only: see {@link #take} for sending.
   */
  List<PendingReport> due(String account, PendingReport after, long nowMillis, int max);

  /**
   * As {@link #due}, but hands the reports to the caller alone, to send, until it {@linkplain
   * #acknowledge acknowledges} or {@linkplain #release releases} each. The list ends before the
   * first report another caller has: the caller asks again from the same place later, so reports
   * still go out in due order and none is passed over. Two report sessions of one account (for the
   * moment one replaces the other) never send the same report at once, and a report is deleted at
   * most once.
   */
  List<PendingReport> take(String account, PendingReport after, long nowMillis, int max);

  /**
   * Deletes a {@linkplain #take taken} report with {@code batch}; false when it is not taken (or
   * was released) or is acknowledged already. Needs no read: a taken report is still stored.
   */
  boolean acknowledge(String account, PendingReport report, StoreBatch batch);

  /**
   * Gives back taken reports that were not acknowledged (their session ended, or their REPORT_ACK
   * refused them): they stay stored, and the account's next {@link #take} from before them hands
   * them out again.
   */
  void release(String account, Collection<PendingReport> reports);

  /** Reports of the account not yet acknowledged (due or not). */
  long pending(String account);

  long pendingTotal();

  /**
   * Forgets the SERIALs that are older than the window, a whole bucket at a time, and makes ready
   * the bucket new claims will go to. Returns about how many SERIAL records it forgot. A SERIAL
   * older than the window is not a duplicate whether or not it was swept yet ({@link #claimSerial}
   * checks the time).
   */
  long sweepSerials(long nowMillis);

  /** Quota use of each account in its latest month with use: account → (month, messages). */
  Map<String, Map.Entry<YearMonth, Long>> quotas();

  /** Bytes of the store's files on disk. */
  long diskBytes();

  /**
   * Closes the store (every written batch is in its log already); a temporary directory is deleted.
   */
  @Override
  void close();
}
