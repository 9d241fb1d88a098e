package dev.ngsign.ngs.gateway.internal.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store changes made while handling one read batch of a session, written together by {@link
 * ReportStore#write}. One per session, used by one thread at a time; empty again after each write.
 */
public final class StoreBatch {
  /** A SERIAL record to put into its bucket. */
  record SerialPut(long bucket, byte[] key, byte[] value) {}

  /** A report to put into its account's family. */
  record ReportPut(String account, byte[] key, byte[] value) {}

  /** A waiting report of an account. */
  record ReportKey(String account, long dueAt, long gwSerial) {}

  final List<SerialPut> serials = new ArrayList<>();
  final List<ReportPut> reports = new ArrayList<>();

  /** Reports to delete (acknowledged). */
  final List<ReportKey> acks = new ArrayList<>();

  /** New messages per account and quota month (usually one entry: a session is one account). */
  final List<MessageCount> messageCounts = new ArrayList<>(1);

  /** Acknowledged reports per account. */
  final Map<String, Long> acksPerAccount = new HashMap<>(4);

  final List<SerialClaim> claims = new ArrayList<>();

  /** The engine's form of the batch, built at write time (its buffer is kept between writes). */
  final EncodedBatch encoded = new EncodedBatch();

  public boolean isEmpty() {
    return serials.isEmpty()
        && reports.isEmpty()
        && acks.isEmpty()
        && messageCounts.isEmpty()
        && acksPerAccount.isEmpty()
        && claims.isEmpty();
  }

  /** Messages of one account and quota month in this batch. */
  static final class MessageCount {
    final String account;
    final YearMonth month;
    long count;

    MessageCount(String account, YearMonth month) {
      this.account = account;
      this.month = month;
    }
  }

  void countMessage(String account, YearMonth month) {
    for (MessageCount c : messageCounts) {
      if (c.account.equals(account) && c.month.equals(month)) {
        c.count++;
        return;
      }
    }
    MessageCount c = new MessageCount(account, month);
    c.count = 1;
    messageCounts.add(c);
  }

  void clear() {
    serials.clear();
    reports.clear();
    acks.clear();
    messageCounts.clear();
    acksPerAccount.clear();
    claims.clear();
  }
}
