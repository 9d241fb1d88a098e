package dev.ngsign.ngs.gateway.internal.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store changes made while handling one read batch of a session, written together by
 * {@link ReportStore#write}. One per session, used by one thread at a time; empty again after each write.
 */
public final class StoreBatch {
  /** A SERIAL record to put into its bucket. */
  record SerialPut(long bucket, byte[] key, byte[] value) {}

  /** A report to put. */
  record ReportPut(String account, byte[] key, byte[] value) {}

  final List<SerialPut> serials = new ArrayList<>();
  final List<ReportPut> reports = new ArrayList<>();
  /** Report keys to delete (acknowledged). */
  final List<byte[]> acks = new ArrayList<>();
  /** Counter key → amount to add (pending reports per account, quota per account and month). */
  final Map<String, Long> counters = new HashMap<>(4);
  final List<SerialClaim> claims = new ArrayList<>();

  public boolean isEmpty() {
    return serials.isEmpty() && reports.isEmpty() && acks.isEmpty() && counters.isEmpty() && claims.isEmpty();
  }

  void count(String counter, long delta) {
    counters.merge(counter, delta, Long::sum);
  }

  void clear() {
    serials.clear();
    reports.clear();
    acks.clear();
    counters.clear();
    claims.clear();
  }
}
