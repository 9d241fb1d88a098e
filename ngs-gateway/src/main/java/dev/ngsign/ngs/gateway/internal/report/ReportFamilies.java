package dev.ngsign.ngs.gateway.internal.report;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/**
 * Waiting reports: one RocksDB column family per account ({@code reports-<account's UTF-8 in
 * hex>}), keyed by due time and GWSERIAL ({@link StoredReport}).
 *
 * <p>Why one per account: an account's due times and GWSERIALs only grow, so its new reports sort
 * after all its older ones. Each flushed file of an account's family then lies after the family's
 * other files, and RocksDB moves it down the levels without rewriting it (a trivial move); in one
 * family for all accounts, every flushed file would span the other accounts' older reports and each
 * compaction would rewrite them. The memtable also inserts each report next to the previous one
 * (the skip list's sequential insert hint) instead of searching from the top.
 *
 * <p>Families are created on an account's first report; lookups and writes hold {@link
 * StoreDatabase#use}.
 */
final class ReportFamilies {
  static final String PREFIX = "reports-";

  private final StoreDatabase store;
  private final ConcurrentHashMap<String, ColumnFamilyHandle> families = new ConcurrentHashMap<>();

  ReportFamilies(StoreDatabase store) {
    this.store = store;
    for (Map.Entry<String, ColumnFamilyHandle> e : store.foundReports.entrySet()) {
      families.put(accountOf(e.getKey()), e.getValue());
    }
  }

  static boolean isReports(String cfName) {
    return cfName.startsWith(PREFIX);
  }

  static String nameOf(String account) {
    return PREFIX + HexFormat.of().formatHex(account.getBytes(StandardCharsets.UTF_8));
  }

  private static String accountOf(String cfName) {
    return new String(
        HexFormat.of().parseHex(cfName, PREFIX.length(), cfName.length()), StandardCharsets.UTF_8);
  }

  /** The account's family, or null when it never had a report. */
  @Nullable ColumnFamilyHandle find(String account) {
    return families.get(account);
  }

  /** The account's family, created when missing; the caller holds {@link StoreDatabase#use}. */
  ColumnFamilyHandle forWrite(String account) throws RocksDBException {
    ColumnFamilyHandle h = families.get(account);
    if (h != null) {
      return h;
    }
    synchronized (families) {
      h = families.get(account);
      if (h == null) {
        h =
            store.db.createColumnFamily(
                new ColumnFamilyDescriptor(
                    nameOf(account).getBytes(StandardCharsets.US_ASCII), store.reportOptions));
        families.put(account, h);
      }
      return h;
    }
  }

  /** Accounts with a family (tests). */
  int count() {
    return families.size();
  }

  /** Closes the handles; the caller holds {@link StoreDatabase#exclusive}. */
  void closeHandles() {
    families.values().forEach(ColumnFamilyHandle::close);
    families.clear();
  }
}
