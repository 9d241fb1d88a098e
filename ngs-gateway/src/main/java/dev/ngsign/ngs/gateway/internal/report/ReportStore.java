package dev.ngsign.ngs.gateway.internal.report;

import dev.ngsign.ngs.protocol.packet.Report;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import dev.ngsign.ngs.protocol.packet.Telco;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable state: a log of records ({@link StoreLog}) in the data directory (in a temporary
 * directory, deleted on close, when there is none), and in-memory indexes that point into it:
 *
 * <ul>
 *   <li>reports not yet acknowledged: per account, in due order ({@link AccountReports}); a report record is
 *       keyed {@code account NUL dueAt(13 digits) GWSERIAL}, its value the report's fields ({@link #encode}),
 *       and an acknowledgement is a remove record of that key;
 *   <li>SERIAL records, the de-duplication window: {@code account NUL SERIAL} → {@link SerialRecord}, the
 *       latest record of a key being the one that counts ({@link SerialIndex});
 *   <li>meta: the GWSERIAL reservation and monthly quota counts, a small map kept whole in memory.
 * </ul>
 *
 * <p>Durability: a session's changes go into its {@link StoreBatch}; {@link #write} appends the batch to the
 * log in one write and then points the indexes at its records; only then do the DELIVER_ACKs that depend on
 * it go out and its reports become {@linkplain #due due}. So an acknowledged message (its SERIAL record and
 * its pending report) survives a kill -9, and the indexes never hold a change the log lacks. On open the log
 * is replayed to rebuild the indexes. What no ACK waits for (REPORT_ACK deletions, quota counts) is logged
 * without being waited on.
 *
 * <p>Space: {@link #sweepSerials} deletes the oldest segments once every SERIAL record in them is older than
 * the de-duplication window, after copying forward the reports in them still waiting for REPORT_ACK, and the
 * meta; segments go oldest first, because a segment's remove records cancel reports in older ones.
 *
 * <p>Data directories of builds that kept this state in H2 MVStore ({@code gateway.mv.db}) are moved into
 * the log once, on open ({@link LegacyStore}).
 */
public final class ReportStore implements AutoCloseable {
  private static final String GW_RESERVED = "gwserial.reserved";
  private static final long GW_BLOCK = 1_000_000L;
  private static final char SEP = '\u0000';
  /** Reports copied forward per log write when a segment is emptied. */
  private static final int COPY_CHUNK = 4096;
  private static final Logger log = LoggerFactory.getLogger(ReportStore.class);

  private final StoreLog storeLog;
  private final Path temporaryDir; // the log's directory when the gateway has no data directory, else null
  private final SerialIndex serials;
  private final ConcurrentHashMap<String, AccountReports> reports = new ConcurrentHashMap<>();
  private final AtomicLong pendingTotal = new AtomicLong();
  private final ConcurrentHashMap<String, String> meta = new ConcurrentHashMap<>();
  private final AtomicLong gwSeq;
  private final AtomicLong gwReserved;
  /**
   * SERIALs claimed by a batch not yet written: they reach the index only with their batch. A claim of
   * another batch is {@linkplain SerialClaim#isBusy busy}; of the same batch, a duplicate.
   */
  private final ConcurrentHashMap<String, PendingClaim> pendingClaims = new ConcurrentHashMap<>();
  private final Object sweepLock = new Object();

  /** A claim waiting for its batch's write, with the record it will write (counts include the batch's repeats). */
  private static final class PendingClaim {
    final StoreBatch batch;
    SerialRecord record;

    PendingClaim(StoreBatch batch, SerialRecord record) {
      this.batch = batch;
      this.record = record;
    }
  }

  private ReportStore(Path dir, Path temporaryDir, long segmentBytes, long nowMillis) {
    this.temporaryDir = temporaryDir;
    SerialIndex.deleteLeftovers(dir);
    this.storeLog = new StoreLog(dir, segmentBytes);
    // the index reads keys back from the log, also while the log is being replayed
    this.serials = new SerialIndex(dir, p -> storeLog.read(p).key());
    storeLog.open(this::apply);
    LegacyStore.migrate(dir, this::write);
    long reserved = Long.parseLong(meta.getOrDefault(GW_RESERVED, "0"));
    long start = Math.max(reserved, (nowMillis / 1000) * 100_000L);
    this.gwSeq = new AtomicLong(start);
    this.gwReserved = new AtomicLong(start);
    reserve(start + GW_BLOCK);
  }

  /**
   * Opens (or creates) the store in {@code dataDir}, or in a temporary directory deleted on close when it is
   * null, replaying the log.
   */
  public static ReportStore open(Path dataDir, long nowMillis) {
    return open(dataDir, nowMillis, StoreLog.DEFAULT_SEGMENT_BYTES);
  }

  static ReportStore open(Path dataDir, long nowMillis, long segmentBytes) {
    Path temporary = null;
    Path dir = dataDir;
    try {
      if (dir == null) {
        temporary = Files.createTempDirectory("ngs-gateway-store-");
        dir = temporary;
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
    return new ReportStore(dir, temporary, segmentBytes, nowMillis);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Points the indexes at a record in the log (written now, or replayed). */
  private void apply(long position, byte op, byte map, String key, byte[] value) {
    boolean put = op == StoreLog.PUT;
    switch (map) {
      case StoreLog.REPORTS -> {
        int sep = key.indexOf(SEP);
        if (sep < 0 || key.length() < sep + 15) {
          log.warn("store log holds a malformed report key: record ignored");
          return;
        }
        String account = key.substring(0, sep);
        long due = Long.parseLong(key, sep + 1, sep + 14, 10);
        long gw = Long.parseLong(key, sep + 14, key.length(), 10);
        if (put) {
          if (reports.computeIfAbsent(account, a -> new AccountReports()).put(due, gw, position)) {
            pendingTotal.incrementAndGet();
          }
        } else {
          AccountReports q = reports.get(account);
          if (q != null && q.remove(due, gw)) {
            pendingTotal.decrementAndGet();
          }
        }
      }
      case StoreLog.SERIALS -> {
        if (put) { // SERIAL records are never removed: they expire with their segment
          serials.put(key, position);
          storeLog.segment(StoreLog.segmentOf(position)).noteSerial(SerialRecord.firstAcceptedOf(value));
        }
      }
      case StoreLog.META -> {
        if (put) {
          meta.put(key, string(value));
        } else {
          meta.remove(key);
        }
      }
      default -> log.warn("store log names an unknown map '{}': record ignored", (char) map);
    }
  }

  /**
   * Makes a batch's changes durable and visible: one log write, then the indexes are pointed at the new
   * records. After this the batch's reports may be sent and the ACKs that depend on it may go out. When the
   * write fails nothing of the batch reaches the indexes and the exception is thrown. Empties the batch
   * either way.
   */
  public void write(StoreBatch batch) {
    write(batch, null);
  }

  /** {@link #write(StoreBatch)}, running {@code afterAppend} between the append and the indexing (tests). */
  void write(StoreBatch batch, Runnable afterAppend) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      if (batch.hasChanges()) {
        long base = storeLog.appendForIndex(batch.records());
        try {
          if (afterAppend != null) {
            afterAppend.run();
          }
          batch.applyChanges(base, this::apply);
        } finally {
          storeLog.indexed(base);
        }
      } else if (batch.hasRecords()) {
        storeLog.append(batch.records()); // removals and meta: the indexes were changed before
      }
    } finally {
      for (SerialClaim c : batch.claims) {
        pendingClaims.computeIfPresent(c.key(), (k, p) -> p.batch == batch ? null : p);
      }
      batch.clear();
    }
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
    String v = meta.merge(GW_RESERVED, Long.toString(r), (a, b) -> Long.parseLong(a) >= Long.parseLong(b) ? a : b);
    logNow(GW_RESERVED, v); // before any GWSERIAL of the block can be acknowledged
  }

  /** Logs one meta entry on its own (rare changes that no batch carries); the map was written before. */
  private void logNow(String key, String value) {
    StoreBatch one = new StoreBatch();
    one.journalOnly(StoreLog.PUT, StoreLog.META, key, utf8(value));
    storeLog.append(one.records());
  }

  // ---- de-duplication ----

  private static String serialKey(String account, String serial) {
    return account + SEP + serial;
  }

  /** The SERIAL's latest record, or null when the account never sent it (or it was swept). */
  public SerialRecord serial(String account, String serial) {
    return stored(serialKey(account, serial));
  }

  private SerialRecord stored(String key) {
    storeLog.lockRead();
    try {
      long p = serials.get(key);
      return p < 0 ? null : SerialRecord.decode(string(storeLog.read(p).value()));
    } finally {
      storeLog.unlockRead();
    }
  }

  /**
   * Claims {@code serial} for a new message with {@code gwSerial}. A SERIAL accepted less than
   * {@code windowMillis} ago is a duplicate: its record counts one more DELIVER (written with {@code batch})
   * and nothing is claimed; but while that message is still waiting for another batch's write, the claim is
   * {@linkplain SerialClaim#isBusy busy}. A claim reaches the index only through {@link #storeReport} and
   * {@link #write}; until then it is held here, or it is {@linkplain #releaseSerial released}. Callers
   * serialise claims of one account.
   */
  public SerialClaim claimSerial(String account, String serial, String gwSerial, long nowMillis, long windowMillis,
      StoreBatch batch) {
    String key = serialKey(account, serial);
    PendingClaim pending = pendingClaims.get(key);
    SerialRecord prev;
    if (pending != null) {
      if (pending.batch != batch) {
        return new SerialClaim(pending.record, null, key, null, true);
      }
      prev = pending.record;
    } else {
      prev = stored(key);
    }
    if (prev != null && nowMillis - prev.firstAcceptedMillis() < windowMillis) {
      SerialRecord counted = new SerialRecord(prev.gwSerial(), prev.firstAcceptedMillis(), prev.distinctMessages(),
          prev.acceptedDelivers() + 1);
      if (pending != null) {
        pending.record = counted;
      }
      batch.put(StoreLog.SERIALS, key, counted.encode());
      return new SerialClaim(prev, null, key, null, false);
    }
    SerialRecord next = prev == null ? new SerialRecord(gwSerial, nowMillis, 1, 1)
        : new SerialRecord(gwSerial, nowMillis, prev.distinctMessages() + 1, prev.acceptedDelivers() + 1);
    pendingClaims.put(key, new PendingClaim(batch, next));
    SerialClaim c = new SerialClaim(null, prev, key, next.encode(), false);
    batch.claims.add(c);
    return c;
  }

  /** Undoes a claim whose message was refused after all (TPS, quota): the SERIAL is as it was before. */
  public void releaseSerial(SerialClaim claim, StoreBatch batch) {
    if (claim.isDuplicate() || claim.isBusy()) {
      return;
    }
    pendingClaims.computeIfPresent(claim.key(), (k, p) -> p.batch == batch ? null : p);
    batch.claims.remove(claim);
  }

  /**
   * Stores a new message's report, due at {@code dueAtMillis}, with its SERIAL claim in {@code batch}: both
   * reach the indexes (and the report becomes {@linkplain #due due}) when the batch is {@linkplain #write
   * written}.
   */
  public void storeReport(String account, Report report, long dueAtMillis, SerialClaim claim, StoreBatch batch) {
    batch.put(StoreLog.SERIALS, claim.key(), claim.value());
    batch.put(StoreLog.REPORTS, reportKey(account, dueAtMillis, report.gwSerial()), utf8(encode(report)));
  }

  /**
   * Frees the space of SERIALs older than the window: seals the current segment once its oldest SERIAL
   * record is a quarter window old, and deletes sealed segments, oldest first, whose every SERIAL record is
   * older than the window, after copying forward their reports still waiting for REPORT_ACK and the meta.
   * Returns how many SERIALs it forgot. A SERIAL older than the window is not a duplicate whether or not it
   * was swept yet ({@link #claimSerial} checks the time).
   */
  public int sweepSerials(long nowMillis, long windowMillis) {
    long window = Math.max(1, windowMillis);
    synchronized (sweepLock) {
      StoreLog.Segment current = storeLog.current();
      if (current.oldestSerialMillis != Long.MAX_VALUE && nowMillis - current.oldestSerialMillis >= window / 4) {
        storeLog.seal();
      }
      long forgotten = 0;
      for (StoreLog.Segment s : storeLog.sealed()) {
        if (s.indexing.get() > 0
            || s.newestSerialMillis != Long.MIN_VALUE && nowMillis - s.newestSerialMillis < window) {
          break; // holds SERIALs still in the window, or batches not yet indexed; and newer segments may
                 // cancel reports in it
        }
        long n = s.number;
        for (AccountReports q : reports.values()) {
          q.relocate(p -> StoreLog.segmentOf(p) == n, COPY_CHUNK, this::copyForward);
        }
        rewriteMeta();
        forgotten += serials.retain(p -> StoreLog.segmentOf(p) != n);
        storeLog.delete(s);
      }
      return (int) Math.min(Integer.MAX_VALUE, forgotten);
    }
  }

  /** Appends copies of the records at {@code positions} in one write; returns the copies' positions. */
  private long[] copyForward(long[] positions, int count) {
    StoreBatch b = new StoreBatch();
    int[] offsets = new int[count];
    for (int i = 0; i < count; i++) {
      StoreLog.Entry e = storeLog.read(positions[i]);
      offsets[i] = b.size();
      b.record(e.op(), e.map(), e.key(), e.value());
    }
    long base = storeLog.append(b.records());
    long[] moved = new long[count];
    for (int i = 0; i < count; i++) {
      moved[i] = base + offsets[i];
    }
    return moved;
  }

  private void rewriteMeta() {
    StoreBatch b = new StoreBatch();
    meta.forEach((k, v) -> b.journalOnly(StoreLog.PUT, StoreLog.META, k, utf8(v)));
    if (b.hasRecords()) {
      storeLog.append(b.records());
    }
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

  /**
   * Up to {@code max} of the account's reports due at {@code nowMillis}, in due order, starting after
   * {@code after} (null: from the first).
   */
  public List<PendingReport> due(String account, PendingReport after, long nowMillis, int max) {
    AccountReports q = reports.get(account);
    if (q == null || max <= 0) {
      return List.of();
    }
    long[] found = new long[Math.min(max, 1024) * 3];
    List<PendingReport> out = new ArrayList<>();
    long afterDue = after == null ? 0 : after.dueAt();
    long afterGw = after == null ? -1 : after.gwSerial();
    storeLog.lockRead(); // the positions stay readable while they are read
    try {
      while (out.size() < max) {
        int n = q.due(afterDue, afterGw, nowMillis, Math.min(max - out.size(), found.length / 3), found);
        for (int i = 0; i < n; i++) {
          Report r = decode(string(storeLog.read(found[i * 3 + 2]).value()));
          out.add(new PendingReport(found[i * 3], found[i * 3 + 1], r));
        }
        if (n == 0 || n < found.length / 3) {
          break;
        }
        afterDue = found[(n - 1) * 3];
        afterGw = found[(n - 1) * 3 + 1];
      }
    } finally {
      storeLog.unlockRead();
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

  /**
   * Deletes an acknowledged report (logged in {@code batch}, not waited for); false when it is not waiting
   * (any more).
   */
  public boolean acknowledge(String account, PendingReport report, StoreBatch batch) {
    AccountReports q = reports.get(account);
    if (q == null || !q.remove(report.dueAt(), report.gwSerial())) {
      return false;
    }
    pendingTotal.decrementAndGet();
    batch.journalOnly(StoreLog.REMOVE, StoreLog.REPORTS, reportKey(account, report.dueAt(), report.report().gwSerial()),
        null);
    return true;
  }

  /** Reports of the account not yet acknowledged (due or not). */
  public long pending(String account) {
    AccountReports q = reports.get(account);
    return q == null ? 0 : q.size();
  }

  public long pendingTotal() {
    return pendingTotal.get();
  }

  // ---- quota ----

  public void saveQuota(String account, YearMonth month, long used) {
    String v = month + "|" + used;
    meta.put("quota|" + account, v);
    logNow("quota|" + account, v);
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

  /** Bytes of log on disk (all segments). */
  public long logBytes() {
    return storeLog.bytes();
  }

  /** Closes the files (every change is in the log already); a temporary directory is deleted. */
  @Override
  public void close() {
    synchronized (sweepLock) {
      storeLog.close();
      serials.close();
      if (temporaryDir != null) {
        try (Stream<Path> files = Files.walk(temporaryDir)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          log.warn("cannot delete the store's temporary directory {}", temporaryDir, e);
        }
      }
    }
  }
}
