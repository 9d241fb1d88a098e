package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable state in one H2 MVStore file ({@code gateway.mv.db} in the data directory; in memory
 * when there is none):
 *
 * <ul>
 *   <li>{@code reports}: every report not yet acknowledged, keyed {@code account NUL dueAt(13 digits)
 *       GWSERIAL}, so one account's reports are a contiguous range in due order; the value is the
 *       report's fields ({@link #encode}).
 *   <li>{@code serials}: {@code account NUL SERIAL} → {@link SerialRecord}, the de-duplication window.
 *   <li>{@code meta}: the GWSERIAL reservation and monthly quota counts.
 * </ul>
 *
 * <p>Why MVStore and not SQL or a hand-written journal: it is an embedded, crash-safe (copy-on-write,
 * append-only chunks) ordered key-value store in one jar; pages are cached with a size bound and the rest
 * stays on disk, so a million pending reports do not live on the heap. Maps are safe for concurrent use.
 *
 * <p>Durability (group commit): writes land in memory; {@link #afterCommit} asks the single committer
 * thread for a commit that starts after the call and runs the callback once it is written to the file. The
 * deliver path holds each DELIVER_ACK E_OK until then, so an acknowledged message (its SERIAL claim and its
 * pending report) survives a kill -9. One commit serves every request queued while the previous one ran,
 * so a busy gateway commits a few hundred times a second, not once per message. A report is not handed to
 * a report session ({@link #due}) before the commit that holds it. There is no fsync: the file survives a
 * process kill (the data is in the OS page cache), not a power cut. What is not on the ACK path (REPORT_ACK
 * deletions, quota counts, de-duplication sweeps) is committed by the same thread or the background writer
 * within {@code autoCommitDelay}; losing such a deletion to a crash only re-sends a report.
 */
public final class ReportStore implements AutoCloseable {
  private static final String GW_RESERVED = "gwserial.reserved";
  private static final long GW_BLOCK = 1_000_000L;
  private static final char SEP = '\u0000';
  private static final int AUTO_COMMIT_BUFFER_KB = 32 * 1024;
  private static final Logger log = LoggerFactory.getLogger(ReportStore.class);
  private static final String STORED = "s";
  private static final Consumer<Boolean> STOP = ok -> { };

  private final MVStore store;
  private final MVMap<String, String> reports;
  private final MVMap<String, String> serials;
  private final MVMap<String, String> meta;
  private final AtomicLong gwSeq;
  private final AtomicLong gwReserved;
  /** Reports written but not yet committed: key → "" while being written, {@link #STORED} once in the map. */
  private final ConcurrentHashMap<String, String> uncommitted = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Consumer<Boolean>> commitRequests = new LinkedBlockingQueue<>();
  private final Thread committer;

  private ReportStore(MVStore store, long nowMillis) {
    this.store = store;
    this.reports = store.openMap("reports",
        new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    this.serials = store.openMap("serials",
        new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    this.meta = store.openMap("meta",
        new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    long reserved = Long.parseLong(meta.getOrDefault(GW_RESERVED, "0"));
    long start = Math.max(reserved, (nowMillis / 1000) * 100_000L);
    this.gwSeq = new AtomicLong(start);
    this.gwReserved = new AtomicLong(start);
    reserve(start + GW_BLOCK);
    store.commit();
    this.committer = new Thread(this::commitLoop, "ngs-gw-store-commit");
    committer.setDaemon(true);
    committer.start();
  }

  /**
   * Runs {@code then} (on the committer thread; it must only hand work off) with true once a commit that
   * started after this call has written everything done before it to the file, or with false when that
   * commit failed or the store is closed.
   */
  public void afterCommit(Consumer<Boolean> then) {
    commitRequests.add(then);
    if (!committer.isAlive()) {
      drainFailed();
    }
  }

  private void commitLoop() {
    List<Consumer<Boolean>> batch = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    while (true) {
      Consumer<Boolean> first;
      try {
        first = commitRequests.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == STOP) {
        break;
      }
      if (first == null && uncommitted.isEmpty()) {
        continue;
      }
      batch.clear();
      if (first != null) {
        batch.add(first);
      }
      commitRequests.drainTo(batch);
      boolean stop = batch.remove(STOP);
      boolean ok;
      try {
        commitNow(stored);
        ok = true;
      } catch (RuntimeException e) {
        log.error("report store commit failed: held DELIVER_ACKs are not sent", e);
        ok = false;
      }
      for (Consumer<Boolean> c : batch) {
        run(c, ok);
      }
      if (stop) {
        break;
      }
    }
    drainFailed();
  }

  /** Commits; reports in the map before the commit started become visible to {@link #due}. */
  private void commitNow(List<String> stored) {
    // only reports already in the map are sure to be in the commit that starts now
    stored.clear();
    uncommitted.forEach((k, v) -> {
      if (v == STORED) {
        stored.add(k);
      }
    });
    store.commit();
    for (String k : stored) {
      uncommitted.remove(k, STORED);
    }
  }

  private void drainFailed() {
    Consumer<Boolean> c;
    while ((c = commitRequests.poll()) != null) {
      run(c, false);
    }
  }

  private static void run(Consumer<Boolean> c, boolean ok) {
    try {
      c.accept(ok);
    } catch (RuntimeException e) {
      log.warn("commit callback failed", e);
    }
  }

  /**
   * Opens (or creates) the store in {@code dataDir}, or an in-memory one when it is null.
   *
   * @param autoCommitMillis how often the background writer commits (0 = only on {@link #commit()})
   */
  public static ReportStore open(Path dataDir, int cacheMb, int autoCommitMillis, long nowMillis) {
    // a large write buffer lets the background writer do the commits: below it, MVStore makes the writing
    // thread (an event loop) commit inline, which shows up as DELIVER_ACK latency spikes
    MVStore.Builder b = new MVStore.Builder().cacheSize(cacheMb).autoCommitBufferSize(AUTO_COMMIT_BUFFER_KB);
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data directory " + dataDir, e);
      }
      b.fileName(dataDir.resolve("gateway.mv.db").toString());
    }
    MVStore s = b.open();
    s.setAutoCommitDelay(autoCommitMillis);
    return new ReportStore(s, nowMillis);
  }

  /**
   * A new GWSERIAL: 15 digits, unique across restarts on the same data directory. GWSERIAL is 16C; like the
   * spec's example ({@code 220121140000164}) it leaves the last byte for a NUL, for clients that read the
   * fields as C strings.
   */
  public String nextGwSerial() {
    long n = gwSeq.incrementAndGet();
    if (n >= gwReserved.get()) {
      reserve(n + GW_BLOCK);
    }
    String digits = Long.toString(n % 1_000_000_000_000_000L);
    return "0".repeat(15 - digits.length()) + digits;
  }

  private void reserve(long upTo) {
    long r = gwReserved.accumulateAndGet(upTo, Math::max);
    meta.merge(GW_RESERVED, Long.toString(r), (a, b) -> Long.parseLong(a) >= Long.parseLong(b) ? a : b);
  }

  // ---- de-duplication ----

  private static String serialKey(String account, String serial) {
    return account + SEP + serial;
  }

  /** The SERIAL's record, or null when the account never sent it (or it was swept). */
  public SerialRecord serial(String account, String serial) {
    String v = serials.get(serialKey(account, serial));
    return v == null ? null : SerialRecord.decode(v);
  }

  /**
   * Claims {@code serial} for a new message with {@code gwSerial}, in one B-tree operation when the SERIAL is
   * new (the common case). A SERIAL accepted less than {@code windowMillis} ago is a duplicate: its record
   * counts one more DELIVER and nothing is claimed. A claim must be {@linkplain #releaseSerial released}
   * when the message is then refused.
   */
  public SerialClaim claimSerial(String account, String serial, String gwSerial, long nowMillis, long windowMillis) {
    String key = serialKey(account, serial);
    String fresh = new SerialRecord(gwSerial, nowMillis, 1, 1).encode();
    String existing = serials.putIfAbsent(key, fresh);
    if (existing == null) {
      return new SerialClaim(null, null, key, fresh);
    }
    SerialRecord prev = SerialRecord.decode(existing);
    if (nowMillis - prev.firstAcceptedMillis() < windowMillis) {
      serials.put(key, new SerialRecord(prev.gwSerial(), prev.firstAcceptedMillis(), prev.distinctMessages(),
          prev.acceptedDelivers() + 1).encode());
      return new SerialClaim(prev, null, key, null);
    }
    String next = new SerialRecord(gwSerial, nowMillis, prev.distinctMessages() + 1, prev.acceptedDelivers() + 1)
        .encode();
    serials.put(key, next);
    return new SerialClaim(null, prev, key, next);
  }

  /** Undoes a claim whose message was refused after all (TPS, quota): the SERIAL is as it was before. */
  public void releaseSerial(SerialClaim claim) {
    if (claim.isDuplicate()) {
      return;
    }
    if (claim.previous() == null) {
      serials.remove(claim.key(), claim.value());
    } else {
      serials.replace(claim.key(), claim.value(), claim.previous().encode());
    }
  }

  /** Stores a new message's report, due at {@code dueAtMillis}. */
  public void storeReport(String account, Report report, long dueAtMillis) {
    String key = reportKey(account, dueAtMillis, report.gwSerial());
    uncommitted.put(key, ""); // before the map: a report session must not see it until it is committed
    try {
      reports.put(key, encode(report));
    } catch (RuntimeException e) {
      uncommitted.remove(key);
      throw e;
    }
    uncommitted.put(key, STORED);
  }

  /**
   * Removes SERIAL records older than the window; returns how many. Walks a snapshot of the map (MVMap
   * iterators do not see later changes), deleting as it goes, so memory stays flat however many expire.
   */
  public int sweepSerials(long nowMillis, long windowMillis) {
    int removed = 0;
    Iterator<Map.Entry<String, String>> it = serials.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, String> e = it.next();
      if (nowMillis - SerialRecord.decode(e.getValue()).firstAcceptedMillis() >= windowMillis
          && serials.remove(e.getKey(), e.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  // ---- reports ----

  static String reportKey(String account, long dueAtMillis, String gwSerial) {
    StringBuilder sb = new StringBuilder(account.length() + 30).append(account).append(SEP);
    String due = Long.toString(Math.max(0, dueAtMillis));
    for (int i = due.length(); i < 13; i++) {
      sb.append('0');
    }
    return sb.append(due).append(gwSerial).toString();
  }

  private static long dueOf(String key, int accountLength) {
    return Long.parseLong(key, accountLength + 1, accountLength + 14, 10);
  }

  /**
   * Up to {@code max} of the account's reports due at {@code nowMillis}, in due order, starting after
   * {@code afterKey} (null: from the first).
   */
  public List<PendingReport> due(String account, String afterKey, long nowMillis, int max) {
    String from = afterKey == null ? account + SEP : afterKey;
    String end = account + '\u0001';
    List<PendingReport> out = new ArrayList<>(Math.min(max, 256));
    Cursor<String, String> c = reports.cursor(from);
    while (out.size() < max && c.hasNext()) {
      String key = c.next();
      if (key.compareTo(end) >= 0) {
        break;
      }
      if (key.equals(afterKey)) {
        continue;
      }
      if (dueOf(key, account.length()) > nowMillis || (!uncommitted.isEmpty() && uncommitted.containsKey(key))) {
        break; // not due, or not yet committed: the next poll resumes here
      }
      out.add(new PendingReport(key, decode(c.getValue())));
    }
    return out;
  }

  /**
   * A report as stored: RESULT, MESSAGE, DA_ADDR, SERIAL, GWSERIAL, SENDTIME (yyyyMMddHHmmss), TELCOINFO
   * separated by NUL, which none of them can hold (the content rules keep DA_ADDR and SERIAL printable).
   * Cheaper than encoding the REPORT frame on the DELIVER path.
   */
  static String encode(Report r) {
    StringBuilder sb = new StringBuilder(96).append(r.result()).append(SEP).append(r.message().toWire()).append(SEP)
        .append(r.daAddr()).append(SEP).append(r.serial()).append(SEP).append(r.gwSerial()).append(SEP);
    LocalDateTime t = r.sendTime();
    if (t != null) {
      pad(sb, t.getYear(), 4);
      pad(sb, t.getMonthValue(), 2);
      pad(sb, t.getDayOfMonth(), 2);
      pad(sb, t.getHour(), 2);
      pad(sb, t.getMinute(), 2);
      pad(sb, t.getSecond(), 2);
    }
    return sb.append(SEP).append(r.telco().name()).toString();
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  static Report decode(String v) {
    String[] f = v.split("\u0000", -1);
    String t = f[5];
    LocalDateTime sendTime = t.isEmpty() ? null : LocalDateTime.of(Integer.parseInt(t, 0, 4, 10),
        Integer.parseInt(t, 4, 6, 10), Integer.parseInt(t, 6, 8, 10), Integer.parseInt(t, 8, 10, 10),
        Integer.parseInt(t, 10, 12, 10), Integer.parseInt(t, 12, 14, 10));
    return new Report(Integer.parseInt(f[0]), ReportMessage.parse(f[1]), f[2], f[3], f[4], sendTime,
        Telco.fromCode(f[6]));
  }

  /** Deletes an acknowledged report; false when it was already gone. */
  public boolean acknowledge(String key) {
    return reports.remove(key) != null;
  }

  /** Reports of the account not yet acknowledged (due or not). */
  public long pending(String account) {
    long lo = reports.getKeyIndex(account + SEP);
    long hi = reports.getKeyIndex(account + '\u0001');
    return insertionPoint(hi) - insertionPoint(lo);
  }

  private static long insertionPoint(long index) {
    return index < 0 ? -(index + 1) : index;
  }

  public long pendingTotal() {
    return reports.sizeAsLong();
  }

  // ---- quota ----

  public void saveQuota(String account, YearMonth month, long used) {
    meta.put("quota|" + account, month + "|" + used);
  }

  /** Persisted quota counts: account → (month, used). */
  public Map<String, Map.Entry<YearMonth, Long>> quotas() {
    Map<String, Map.Entry<YearMonth, Long>> out = new HashMap<>();
    for (Map.Entry<String, String> e : meta.entrySet()) {
      if (e.getKey().startsWith("quota|")) {
        String[] v = e.getValue().split("\\|");
        out.put(e.getKey().substring(6), Map.entry(YearMonth.parse(v[0]), Long.parseLong(v[1])));
      }
    }
    return out;
  }

  /** Commits now, on the calling thread. */
  public void commit() {
    commitNow(new ArrayList<>());
  }

  /** Commits and closes the file. */
  @Override
  public void close() {
    commitRequests.add(STOP);
    try {
      committer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!store.isClosed()) {
      store.close();
    }
    drainFailed();
  }
}
