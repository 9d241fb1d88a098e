package dev.ngsign.ngs.gateway.internal.report;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The store's sums, in the {@code counters} column family: reports waiting per account ({@code
 * p<account>}) and quota use per account and month ({@code q<account> NUL yyyy-MM}). Values are
 * unsigned 64-bit little-endian numbers summed by RocksDB's {@code uint64add} merge operator; a
 * batch merges its deltas with the records they count, in the same atomic write, so a crash loses
 * neither a message nor its count. A negative delta is merged as its two's complement, which the
 * 64-bit sum wraps back.
 *
 * <p>The waiting counts are also kept in memory (loaded at open) for the report pumps' polls.
 */
final class StoreCounters {
  private static final char SEP = '\u0000';

  private final StoreDatabase store;
  private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
  private final AtomicLong pendingTotal = new AtomicLong();

  StoreCounters(StoreDatabase store) throws RocksDBException {
    this.store = store;
    try (RocksIterator it = store.db.newIterator(store.counters)) {
      for (it.seek(new byte[] {'p'}); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (k[0] != 'p') {
          break;
        }
        long n = uint64(it.value());
        if (n != 0) {
          pending.put(new String(k, 1, k.length - 1, StandardCharsets.UTF_8), new AtomicLong(n));
          pendingTotal.addAndGet(n);
        }
      }
      it.status();
    }
  }

  /** Adds a batch's deltas to {@code wb}, beside the records they count. */
  void merge(StoreBatch batch, EncodedBatch wb) {
    for (StoreBatch.MessageCount c : batch.messageCounts) {
      wb.merge(store.counters, pendingKey(c.account), uint64(c.count));
      wb.merge(store.counters, quotaKey(c.account, c.month), uint64(c.count));
    }
    for (Map.Entry<String, Long> c : batch.acksPerAccount.entrySet()) {
      wb.merge(store.counters, pendingKey(c.getKey()), uint64(-c.getValue()));
    }
  }

  /** A written batch's new reports now wait. */
  void written(StoreBatch batch) {
    for (StoreBatch.MessageCount c : batch.messageCounts) {
      pending.computeIfAbsent(c.account, a -> new AtomicLong()).addAndGet(c.count);
      pendingTotal.addAndGet(c.count);
    }
  }

  /** An acknowledged report waits no more (its deletion is in a batch). */
  void acknowledged(String account) {
    AtomicLong n = pending.get(account);
    if (n != null) {
      n.decrementAndGet();
    }
    pendingTotal.decrementAndGet();
  }

  /** A batch's acknowledgements were not written: its reports wait again. */
  void unacknowledged(StoreBatch batch) {
    for (Map.Entry<String, Long> c : batch.acksPerAccount.entrySet()) {
      AtomicLong n = pending.get(c.getKey());
      if (n != null) {
        n.addAndGet(c.getValue());
      }
      pendingTotal.addAndGet(c.getValue());
    }
  }

  long pending(String account) {
    AtomicLong n = pending.get(account);
    return n == null ? 0 : n.get();
  }

  long pendingTotal() {
    return pendingTotal.get();
  }

  /** Quota use of each account in its latest month with use: account → (month, messages). */
  Map<String, Map.Entry<YearMonth, Long>> quotas() {
    Map<String, Map.Entry<YearMonth, Long>> out = new HashMap<>();
    Lock l = store.use();
    try (RocksIterator it = store.db.newIterator(store.counters)) {
      for (it.seek(new byte[] {'q'}); it.isValid(); it.next()) {
        String k = new String(it.key(), StandardCharsets.UTF_8);
        if (k.charAt(0) != 'q') {
          break;
        }
        int sep = k.indexOf(SEP);
        String account = k.substring(1, sep);
        YearMonth month = YearMonth.parse(k.substring(sep + 1));
        long used = uint64(it.value());
        out.merge(
            account, Map.entry(month, used), (a, b) -> a.getKey().isAfter(b.getKey()) ? a : b);
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("cannot read quota counts: " + e.getMessage(), e);
    } finally {
      l.unlock();
    }
    return out;
  }

  private static byte[] pendingKey(String account) {
    return ("p" + account).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] quotaKey(String account, YearMonth month) {
    return ("q" + account + SEP + month).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] uint64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static long uint64(byte[] b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
