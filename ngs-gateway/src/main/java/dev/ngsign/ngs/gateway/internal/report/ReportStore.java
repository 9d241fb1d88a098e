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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable state: H2 MVStore maps in {@code gateway.mv.db} in the data directory (in memory
 * when there is none), with a redo log ({@link StoreJournal}) in front of them:
 *
 * <ul>
 *   <li>{@code reports.utf8}: every report not yet acknowledged, keyed {@code account NUL dueAt(13 digits)
 *       GWSERIAL}, so one account's reports are a contiguous range in due order; the value is the
 *       report's fields ({@link #encode}) in UTF-8.
 *   <li>{@code serials.utf8}: {@code account NUL SERIAL} → {@link SerialRecord}, the de-duplication window.
 *   <li>{@code meta}: the GWSERIAL reservation and monthly quota counts.
 * </ul>
 *
 * <p>Why MVStore: it is an embedded, crash-safe (copy-on-write, append-only chunks) ordered key-value store
 * in one jar; pages are cached with a size bound and the rest stays on disk, so a million pending reports do
 * not live on the heap. Maps are safe for concurrent use.
 *
 * <p>Durability: a session's changes go into its {@link StoreBatch}; {@link #write} appends the batch to the
 * journal in one write and then applies it to the maps; only then do the DELIVER_ACKs that depend on it go
 * out and its reports become {@linkplain #due due}. The maps never hold a change the journal lacks, so a
 * checkpoint cannot catch a SERIAL claim without its report. So an acknowledged message (its SERIAL claim and its pending report) survives a
 * kill -9. A background thread checkpoints every {@code checkpointMillis}: it seals the journal segment,
 * commits the store file and deletes the sealed segment; on open, what is left of the journal is replayed.
 * There is no fsync: the files survive a process kill (the data is in the OS page cache), not a power cut.
 * What no ACK waits for (REPORT_ACK deletions, quota counts) is journaled without being waited on;
 * de-duplication sweeps are not journaled at all (a swept record that comes back is swept again).
 */
public final class ReportStore implements AutoCloseable {
  private static final String GW_RESERVED = "gwserial.reserved";
  private static final long GW_BLOCK = 1_000_000L;
  private static final char SEP = '\u0000';
  private static final String REPORTS_MAP = "reports.utf8";
  private static final String SERIALS_MAP = "serials.utf8";
  // MVStore commits inline in the writing thread (an event loop) once this much is unsaved: keep it well
  // above what arrives between two checkpoints
  private static final int AUTO_COMMIT_BUFFER_KB = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(ReportStore.class);

  private final MVStore store;
  private final MVMap<String, byte[]> reports;
  private final MVMap<String, byte[]> serials;
  private final MVMap<String, String> meta;
  private final StoreJournal journal; // null when in memory
  private final AtomicLong gwSeq;
  private final AtomicLong gwReserved;
  /**
   * SERIALs claimed by a batch not yet written: they reach the serials map only with their batch. A claim
   * of another batch is {@linkplain SerialClaim#isBusy busy}; of the same batch, a duplicate.
   */
  private final ConcurrentHashMap<String, PendingClaim> pendingClaims = new ConcurrentHashMap<>();
  /** The keys of {@link #serials}: a new SERIAL is known new without a B-tree lookup. */
  private volatile SerialFilter serialFilter;
  /** While a filter is being rebuilt from the map, keys written meanwhile go into it too. */
  private volatile SerialFilter rebuilding;
  private final ScheduledExecutorService checkpointer;
  private final Object checkpointLock = new Object();

  /** A claim waiting for its batch's write, with the record it will write (counts include the batch's repeats). */
  private static final class PendingClaim {
    final StoreBatch batch;
    SerialRecord record;

    PendingClaim(StoreBatch batch, SerialRecord record) {
      this.batch = batch;
      this.record = record;
    }
  }

  private ReportStore(MVStore store, Path dataDir, long nowMillis, int checkpointMillis) {
    this.store = store;
    this.reports = openBytesMap(store, REPORTS_MAP, "reports");
    this.serials = openBytesMap(store, SERIALS_MAP, "serials");
    this.meta = store.openMap("meta",
        new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    if (dataDir != null) {
      List<Long> replayed = StoreJournal.replay(dataDir, this::apply);
      store.commit();
      this.journal = StoreJournal.start(dataDir);
      if (!replayed.isEmpty()) {
        journal.deleteUpTo(replayed.get(replayed.size() - 1));
      }
    } else {
      this.journal = null;
    }
    rebuildSerialFilter(0, 0);
    long reserved = Long.parseLong(meta.getOrDefault(GW_RESERVED, "0"));
    long start = Math.max(reserved, (nowMillis / 1000) * 100_000L);
    this.gwSeq = new AtomicLong(start);
    this.gwReserved = new AtomicLong(start);
    reserve(start + GW_BLOCK);
    store.commit();
    this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ngs-gw-store-checkpoint");
      t.setDaemon(true);
      return t;
    });
    if (checkpointMillis > 0) {
      checkpointer.scheduleWithFixedDelay(this::checkpointQuietly, checkpointMillis, checkpointMillis,
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Opens a map of UTF-8 values: MVStore writes a byte[] value with one copy, a String one varint per char,
   * which made checkpoints a fifth of the gateway's CPU. Data directories of earlier builds kept String
   * values in a map named {@code legacyName}; their entries are moved over once.
   */
  private static MVMap<String, byte[]> openBytesMap(MVStore store, String name, String legacyName) {
    MVMap<String, byte[]> m = store.openMap(name,
        new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    if (store.hasMap(legacyName)) {
      MVMap<String, String> legacy = store.openMap(legacyName,
          new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
      long n = 0;
      for (Map.Entry<String, String> e : legacy.entrySet()) {
        m.putIfAbsent(e.getKey(), utf8(e.getValue()));
        n++;
      }
      store.removeMap(legacy);
      store.commit();
      log.info("moved {} entries of the store map '{}' to '{}'", n, legacyName, name);
    }
    return m;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private void apply(byte op, byte map, String key, byte[] value) {
    boolean put = op == StoreJournal.PUT;
    switch (map) {
      case StoreJournal.REPORTS -> {
        if (put) {
          reports.put(key, value);
        } else {
          reports.remove(key);
        }
      }
      case StoreJournal.SERIALS -> {
        if (put) {
          serials.put(key, value);
          filterAdd(key);
        } else {
          serials.remove(key);
        }
      }
      case StoreJournal.META -> {
        if (put) {
          meta.put(key, string(value));
        } else {
          meta.remove(key);
        }
      }
      default -> log.warn("store journal names an unknown map '{}': record ignored", (char) map);
    }
  }

  /** After the key is in the map: a rebuild that started before sees it here, one that starts later in the map. */
  private void filterAdd(String serialKey) {
    SerialFilter f = serialFilter;
    if (f != null) {
      f.add(serialKey);
    }
    SerialFilter r = rebuilding;
    if (r != null) {
      r.add(serialKey);
    }
  }

  /**
   * Builds the SERIAL filter afresh (sized for twice the map's keys, so it has room to grow until the next
   * sweep) in one pass over the map, without stopping writers; with {@code windowMillis} > 0 the same pass
   * removes records older than the window, which the new filter then leaves out. Returns how many it removed.
   */
  private int rebuildSerialFilter(long nowMillis, long windowMillis) {
    SerialFilter f = SerialFilter.forKeys(Math.max(2 * serials.sizeAsLong(), 1_000_000));
    rebuilding = f; // before the pass: a key written after its snapshot reaches f through filterAdd
    int removed = 0;
    // the iterator walks a snapshot of the map (later changes unseen), deleting as it goes: memory stays flat
    Iterator<Map.Entry<String, byte[]>> it = serials.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, byte[]> e = it.next();
      if (windowMillis > 0
          && nowMillis - SerialRecord.decode(string(e.getValue())).firstAcceptedMillis() >= windowMillis
          && serials.remove(e.getKey(), e.getValue())) {
        removed++;
      } else {
        f.add(e.getKey());
      }
    }
    serialFilter = f;
    rebuilding = null;
    return removed;
  }

  /**
   * Opens (or creates) the store in {@code dataDir}, or an in-memory one when it is null, replaying what is
   * left of the journal.
   *
   * @param checkpointMillis how often the store file is committed and the journal cut (0 = only on
   *     {@link #checkpoint()} and close)
   */
  public static ReportStore open(Path dataDir, int cacheMb, int checkpointMillis, long nowMillis) {
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
    s.setAutoCommitDelay(0); // the checkpointer commits
    return new ReportStore(s, dataDir, nowMillis, checkpointMillis);
  }

  /**
   * Makes a batch's changes durable and visible: one journal write, then the changes are applied to the
   * maps; a checkpoint that seals the batch's segment waits until they are (no lock: batches of different
   * sessions never wait for each other or for a checkpoint), so a checkpoint holds a batch whole or not at
   * all and the maps never hold a change the journal does not. After this the batch's reports may be sent and
   * the ACKs that depend on it may go out. When the write fails nothing of the batch reaches the
   * maps and the exception is thrown. Empties the batch either way.
   */
  public void write(StoreBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    StoreJournal.Appliers appliers = null;
    try {
      if (journal != null && batch.hasRecords()) {
        appliers = journal.append(batch.records());
      }
      batch.applyChanges(this::apply);
    } finally {
      if (appliers != null) {
        appliers.applied(); // a checkpoint that sealed this batch's segment waits for this
      }
      for (SerialClaim c : batch.claims) {
        pendingClaims.computeIfPresent(c.key(), (k, p) -> p.batch == batch ? null : p);
      }
      batch.clear();
    }
  }

  /** Seals the journal segment, commits the store file and deletes the sealed segment. */
  public void checkpoint() {
    synchronized (checkpointLock) {
      if (store.isClosed()) {
        return;
      }
      StoreJournal.Appliers sealed = journal == null ? null : journal.seal();
      if (sealed != null) {
        sealed.awaitApplied(); // batches in the sealed segment are in the maps: the commit holds them
      }
      store.commit();
      if (sealed != null) {
        journal.deleteUpTo(sealed.segment);
      }
    }
  }

  private void checkpointQuietly() {
    try {
      if (journal == null || journal.bytesInSegment() > 0 || store.hasUnsavedChanges()) {
        checkpoint();
      }
    } catch (RuntimeException e) {
      log.error("store checkpoint failed (the journal keeps growing until one succeeds)", e);
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
    journalNow(StoreJournal.META, GW_RESERVED, utf8(v)); // before any GWSERIAL of the block can be acknowledged
  }

  /** Journals one change on its own (rare changes that no batch carries). */
  private void journalNow(byte map, String key, byte[] value) {
    if (journal != null) {
      StoreBatch one = new StoreBatch();
      one.journalOnly(StoreJournal.PUT, map, key, value);
      journal.append(one.records()).applied(); // the map was written before
    }
  }

  // ---- de-duplication ----

  private static String serialKey(String account, String serial) {
    return account + SEP + serial;
  }

  /** The SERIAL's record, or null when the account never sent it (or it was swept). */
  public SerialRecord serial(String account, String serial) {
    byte[] v = serials.get(serialKey(account, serial));
    return v == null ? null : SerialRecord.decode(string(v));
  }

  /**
   * Claims {@code serial} for a new message with {@code gwSerial}. A SERIAL accepted less than
   * {@code windowMillis} ago is a duplicate: its record counts one more DELIVER (written with {@code batch})
   * and nothing is claimed; but while that message is still waiting for another batch's write, the claim is
   * {@linkplain SerialClaim#isBusy busy}. A claim reaches the serials map only through {@link #storeReport}
   * and {@link #write}; until then it is held here, or it is {@linkplain #releaseSerial released}. Callers
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
      byte[] stored = serialFilter.mightContain(key) ? serials.get(key) : null;
      prev = stored == null ? null : SerialRecord.decode(string(stored));
    }
    if (prev != null && nowMillis - prev.firstAcceptedMillis() < windowMillis) {
      SerialRecord counted = new SerialRecord(prev.gwSerial(), prev.firstAcceptedMillis(), prev.distinctMessages(),
          prev.acceptedDelivers() + 1);
      if (pending != null) {
        pending.record = counted;
      }
      batch.put(StoreJournal.SERIALS, key, counted.encode());
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
   * reach the maps (and the report becomes {@linkplain #due due}) when the batch is {@linkplain #write written}.
   */
  public void storeReport(String account, Report report, long dueAtMillis, SerialClaim claim, StoreBatch batch) {
    batch.put(StoreJournal.SERIALS, claim.key(), claim.value());
    batch.put(StoreJournal.REPORTS, reportKey(account, dueAtMillis, report.gwSerial()), utf8(encode(report)));
  }

  /**
   * Removes SERIAL records older than the window and renews the SERIAL filter (swept keys leave it; it is
   * resized to the map); returns how many records it removed.
   */
  public int sweepSerials(long nowMillis, long windowMillis) {
    return rebuildSerialFilter(nowMillis, Math.max(1, windowMillis));
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
    Cursor<String, byte[]> c = reports.cursor(from);
    while (out.size() < max && c.hasNext()) {
      String key = c.next();
      if (key.compareTo(end) >= 0) {
        break;
      }
      if (key.equals(afterKey)) {
        continue;
      }
      if (dueOf(key, account.length()) > nowMillis) {
        break; // not due: the next poll resumes here
      }
      out.add(new PendingReport(key, decode(string(c.getValue()))));
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

  /** Deletes an acknowledged report (journaled in {@code batch}, not waited for); false when already gone. */
  public boolean acknowledge(String key, StoreBatch batch) {
    if (reports.remove(key) == null) {
      return false;
    }
    batch.journalOnly(StoreJournal.REMOVE, StoreJournal.REPORTS, key, null); // a removal may reach the map first
    return true;
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
    String v = month + "|" + used;
    meta.put("quota|" + account, v);
    journalNow(StoreJournal.META, "quota|" + account, utf8(v));
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

  /** Checkpoints and closes the files; the journal is empty afterwards (the store file holds it all). */
  @Override
  public void close() {
    checkpointer.shutdownNow();
    try {
      checkpointer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (checkpointLock) {
      if (store.isClosed()) {
        return;
      }
      store.commit();
      store.close();
      if (journal != null) {
        journal.close();
      }
    }
  }
}
