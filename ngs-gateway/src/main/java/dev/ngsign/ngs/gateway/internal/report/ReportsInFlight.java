package dev.ngsign.ngs.gateway.internal.report;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reports that report sessions have {@linkplain ReportStore#take taken} and not yet given back,
 * per account, by GWSERIAL (unique in a store). A report is with one session at a time: taken until
 * the session releases it (it ended, or the REPORT_ACK refused it) or acknowledges it; acknowledged
 * until the batch with its deletion is written. So an acknowledgement is the report's only one, and
 * knows without reading the store that the report is still there; the waiting counts depend on that
 * (each deletion is counted once).
 *
 * <p>An iterator opened before a deletion was written still sees the deleted report. The account's
 * monitor is held by {@link RocksReportStore#take} from opening its iterator to its last claim, and
 * by {@link #deleted}: a deleted report leaves this registry only when no iterator that could still
 * see it is looking, so nobody can take it afterwards.
 */
final class ReportsInFlight {
  private static final Boolean TAKEN = Boolean.FALSE;
  private static final Boolean ACKNOWLEDGED = Boolean.TRUE;

  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

  /** One account's reports in flight; its monitor orders takes against written deletions. */
  static final class Account {
    private final ConcurrentHashMap<Long, Boolean> reports = new ConcurrentHashMap<>();

    /** Takes the report for the caller; false when another session has it. Hold the monitor. */
    boolean take(long gwSerial) {
      return reports.putIfAbsent(gwSerial, TAKEN) == null;
    }

    int size() {
      return reports.size();
    }
  }

  Account of(String account) {
    return accounts.computeIfAbsent(account, a -> new Account());
  }

  /**
   * Marks a taken report acknowledged; false when it is not taken (never, or given back already) or
   * already acknowledged.
   */
  boolean acknowledge(String account, long gwSerial) {
    Account a = accounts.get(account);
    return a != null && a.reports.replace(gwSerial, TAKEN, ACKNOWLEDGED);
  }

  /** Gives back a taken report not acknowledged: another session may take it. */
  void release(String account, long gwSerial) {
    Account a = accounts.get(account);
    if (a != null) {
      a.reports.remove(gwSerial, TAKEN);
    }
  }

  /**
   * The batch with these acknowledged reports' deletions was written (or failed: then they are
   * stored still, and free to be taken again). A batch's keys are usually one account's.
   */
  void deleted(List<StoreBatch.ReportKey> keys) {
    int i = 0;
    while (i < keys.size()) {
      String account = keys.get(i).account();
      int end = i + 1;
      while (end < keys.size() && keys.get(end).account().equals(account)) {
        end++;
      }
      Account a = accounts.get(account);
      if (a != null) {
        synchronized (a) {
          for (int k = i; k < end; k++) {
            a.reports.remove(keys.get(k).gwSerial(), ACKNOWLEDGED);
          }
        }
      }
      i = end;
    }
  }

  /** Reports of the account with a session or in an unwritten batch (tests). */
  int size(String account) {
    Account a = accounts.get(account);
    return a == null ? 0 : a.size();
  }
}
