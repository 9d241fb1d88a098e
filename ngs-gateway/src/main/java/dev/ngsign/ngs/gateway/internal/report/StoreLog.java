package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's files: an append-only log of records cut into segments ({@code store-<n>.log}). Every change
 * a DELIVER_ACK depends on is appended before the ACK goes out; the records stay where they are, and the
 * store's in-memory indexes point at them by {@linkplain #position position}. Segments are deleted oldest
 * first, once the store has copied their live records forward ({@link ReportStore#sweepSerials}).
 *
 * <p>Why a log and not a B-tree file: appending a batch is one system call into the page cache whatever the
 * sizes, and allocates nothing; a copy-on-write B-tree (H2 MVStore, used up to 0.x) copied pages on every
 * put, and the garbage of two puts per message set the gateway's p99 latency through GC pauses.
 *
 * <p>A record is {@code u32 length, u32 CRC-32C, payload}; the payload is {@code op ('P' put, 'R' remove),
 * map ('r' reports, 's' serials, 'm' meta), u16 key length, key, value} in UTF-8. A torn or corrupt record
 * ends the replay of its segment (only the last write before a crash can be torn); the segment is cut there,
 * and appends always go to a new segment after a restart. Appends are synchronised: each is one positional
 * write of a whole batch, from whichever thread made the changes. There is no fsync: the records survive a
 * process kill (they are in the OS page cache), not a power cut.
 */
final class StoreLog implements AutoCloseable {
  static final byte PUT = 'P';
  static final byte REMOVE = 'R';
  static final byte REPORTS = 'r';
  static final byte SERIALS = 's';
  static final byte META = 'm';
  /** Longer records are not ours: they end the replay rather than make it allocate. */
  static final int MAX_RECORD = 1 << 20;
  /** A position is {@code segment << OFFSET_BITS | offset}: segments up to 1 TB, 2^23 of them. */
  static final int OFFSET_BITS = 40;
  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  private static final Logger log = LoggerFactory.getLogger(StoreLog.class);
  private static final String PREFIX = "store-";
  private static final String SUFFIX = ".log";
  private static final int HEADER = 8;

  /** A record as read back. */
  record Entry(long position, byte op, byte map, String key, byte[] value) {}

  /** Receives replayed records, in the order they were written. */
  interface Replay {
    void apply(long position, byte op, byte map, String key, byte[] value);
  }

  /** One segment file: written only while it is the current one, read until it is deleted. */
  static final class Segment {
    final long number;
    final FileChannel channel;
    volatile long size;
    /**
     * The newest first-accepted time of the SERIAL records in the segment (Long.MIN_VALUE: none): once it is
     * older than the de-duplication window, every SERIAL record in the segment is expired.
     */
    volatile long newestSerialMillis = Long.MIN_VALUE;
    /** The oldest such time: a current segment whose oldest SERIAL is getting old is sealed. */
    volatile long oldestSerialMillis = Long.MAX_VALUE;
    /**
     * Batches appended here whose indexes are not yet updated ({@link #appendForIndex}): the segment may
     * not be deleted meanwhile, since what they add to the indexes is not yet there to be moved.
     */
    final AtomicInteger indexing = new AtomicInteger();

    Segment(long number, FileChannel channel, long size) {
      this.number = number;
      this.channel = channel;
      this.size = size;
    }

    synchronized void noteSerial(long firstAcceptedMillis) {
      if (firstAcceptedMillis > newestSerialMillis) {
        newestSerialMillis = firstAcceptedMillis;
      }
      if (firstAcceptedMillis < oldestSerialMillis) {
        oldestSerialMillis = firstAcceptedMillis;
      }
    }
  }

  private final Path dir;
  private final long segmentBytes;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  /** Readers hold the read side while they use a position; deleting a segment takes the write side. */
  private final ReadWriteLock deletion = new ReentrantReadWriteLock();
  private Segment current;
  private boolean failed;

  StoreLog(Path dir, long segmentBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Replays every segment in the directory into {@code target}, in order (each segment is {@linkplain
   * #segment reachable} while it is replayed), then starts a new segment for appends. Call once, first.
   */
  void open(Replay target) {
    long last = 0;
    for (long n : numbers(dir)) {
      Path p = path(dir, n);
      try {
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment s = new Segment(n, ch, ch.size());
        segments.put(n, s);
        s.size = replaySegment(s, target);
        if (s.size < ch.size()) {
          ch.truncate(s.size); // a torn tail: nothing after it can be valid
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read store segment " + p, e);
      }
      last = n;
    }
    synchronized (this) {
      current = create(last + 1);
    }
  }

  static Path path(Path dir, long n) {
    return dir.resolve(PREFIX + String.format("%012d", n) + SUFFIX);
  }

  static long position(long segment, long offset) {
    return segment << OFFSET_BITS | offset;
  }

  static long segmentOf(long position) {
    return position >>> OFFSET_BITS;
  }

  private static long offsetOf(long position) {
    return position & ((1L << OFFSET_BITS) - 1);
  }

  private long replaySegment(Segment s, Replay target) throws IOException {
    long size = s.channel.size();
    if (size > Integer.MAX_VALUE) {
      throw new IOException("store segment " + s.number + " is larger than 2 GB: not written by this gateway");
    }
    byte[] bytes = new byte[(int) size];
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining() && s.channel.read(b, b.position()) >= 0) {
      // read it all
    }
    int at = scan(bytes, s.number, target);
    if (at < bytes.length) {
      log.warn("store segment {} ends with {} bytes of an incomplete record (cut off by a crash): ignored",
          s.number, bytes.length - at);
    }
    return at;
  }

  /**
   * Feeds the records in {@code bytes} (a segment's content) to {@code target} until the end or the first
   * torn or corrupt record; returns the length of the valid part.
   */
  static int scan(byte[] bytes, long segment, Replay target) {
    CRC32C crc = new CRC32C();
    ByteBuffer all = ByteBuffer.wrap(bytes);
    int at = 0;
    while (bytes.length - at >= HEADER) {
      int length = all.getInt(at);
      int expected = all.getInt(at + 4);
      if (length < 4 || length > MAX_RECORD || length > bytes.length - at - HEADER) {
        break;
      }
      crc.reset();
      crc.update(bytes, at + HEADER, length);
      if ((int) crc.getValue() != expected) {
        break;
      }
      Entry e = parse(position(segment, at), bytes, at + HEADER, length);
      if (e == null) {
        break;
      }
      target.apply(e.position(), e.op(), e.map(), e.key(), e.value());
      at += HEADER + length;
    }
    return at;
  }

  private static Entry parse(long position, byte[] bytes, int from, int length) {
    byte op = bytes[from];
    byte map = bytes[from + 1];
    int keyLength = ((bytes[from + 2] & 0xff) << 8) | (bytes[from + 3] & 0xff);
    if (keyLength > length - 4) {
      return null;
    }
    String key = new String(bytes, from + 4, keyLength, StandardCharsets.UTF_8);
    int valueFrom = from + 4 + keyLength;
    byte[] value = Arrays.copyOfRange(bytes, valueFrom, from + length);
    return new Entry(position, op, map, key, value);
  }

  /**
   * Appends a batch of encoded records in one write and returns the position of its first byte (a record at
   * offset {@code o} of the batch is at {@code returned + o}). Throws when the log cannot be written; after
   * that every append throws (a partly written record would hide everything after it from the replay).
   */
  synchronized long append(ByteBuffer records) {
    return append(records, false);
  }

  /**
   * {@link #append(ByteBuffer)} for records the indexes will point at: the segment counts the batch as
   * being indexed until {@link #indexed} is called with the returned position.
   */
  synchronized long appendForIndex(ByteBuffer records) {
    return append(records, true);
  }

  /** The batch appended at {@code position} by {@link #appendForIndex} is in the indexes. */
  void indexed(long position) {
    segments.get(segmentOf(position)).indexing.decrementAndGet();
  }

  private long append(ByteBuffer records, boolean forIndex) {
    if (failed) {
      throw new UncheckedIOException(new IOException("store log failed earlier; restart the gateway"));
    }
    Segment s = current;
    long at = s.size;
    try {
      long p = at;
      while (records.hasRemaining()) {
        p += s.channel.write(records, p);
      }
      s.size = p;
      if (forIndex) {
        s.indexing.incrementAndGet(); // before a seal makes the segment a candidate for deletion
      }
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException("cannot write store segment " + path(dir, s.number), e);
    }
    if (s.size >= segmentBytes) {
      seal();
    }
    return position(s.number, at);
  }

  /** The segment appends go to. */
  synchronized Segment current() {
    return current;
  }

  /** Starts a new current segment (the old one is kept, read-only). */
  synchronized void seal() {
    if (current.size > 0) {
      current = create(current.number + 1);
    }
  }

  private Segment create(long n) {
    Path p = path(dir, n);
    try {
      Segment s = new Segment(n, FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE), 0);
      segments.put(n, s);
      return s;
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException("cannot create store segment " + p, e);
    }
  }

  Segment segment(long number) {
    return segments.get(number);
  }

  /** The sealed segments, oldest first. */
  List<Segment> sealed() {
    return new ArrayList<>(segments.headMap(current().number).values());
  }

  /** Takes the read side of the deletion lock: positions read meanwhile stay readable. */
  void lockRead() {
    deletion.readLock().lock();
  }

  void unlockRead() {
    deletion.readLock().unlock();
  }

  /** Reads the record at {@code position}; the caller holds {@link #lockRead} or the index that holds it. */
  Entry read(long position) {
    Segment s = segments.get(segmentOf(position));
    if (s == null) {
      throw new IllegalStateException("store segment " + segmentOf(position) + " is gone: a stale position");
    }
    long offset = offsetOf(position);
    try {
      ByteBuffer head = ByteBuffer.allocate(256);
      readFully(s.channel, head, offset, HEADER);
      int length = head.getInt(0);
      if (length < 4 || length > MAX_RECORD) {
        throw new IOException("no record at offset " + offset);
      }
      ByteBuffer all = head.capacity() >= HEADER + length ? head : ByteBuffer.allocate(HEADER + length);
      if (all != head) {
        all.put(head.array(), 0, head.position());
      }
      readFully(s.channel, all, offset, HEADER + length);
      Entry e = parse(position, all.array(), HEADER, length);
      if (e == null) {
        throw new IOException("malformed record at offset " + offset);
      }
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read store segment " + path(dir, s.number), e);
    }
  }

  /** Reads until {@code b} holds at least {@code n} bytes of the file from {@code offset}. */
  private static void readFully(FileChannel ch, ByteBuffer b, long offset, int n) throws IOException {
    while (b.position() < n) {
      if (ch.read(b, offset + b.position()) < 0) {
        throw new IOException("segment ends inside a record at offset " + offset);
      }
    }
  }

  /** Deletes a sealed segment: nothing may point into it any more. */
  void delete(Segment s) {
    deletion.writeLock().lock();
    try {
      segments.remove(s.number);
      closeQuietly(s.channel);
      Files.deleteIfExists(path(dir, s.number));
    } catch (IOException e) {
      log.warn("cannot delete store segment {}", path(dir, s.number), e);
    } finally {
      deletion.writeLock().unlock();
    }
  }

  /** Bytes in all segments. */
  long bytes() {
    long n = 0;
    for (Segment s : segments.values()) {
      n += s.size;
    }
    return n;
  }

  @Override
  public synchronized void close() {
    failed = true;
    deletion.writeLock().lock();
    try {
      for (Segment s : segments.values()) {
        closeQuietly(s.channel);
      }
    } finally {
      deletion.writeLock().unlock();
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      log.warn("closing a store segment failed", e);
    }
  }

  private static List<Long> numbers(Path dir) {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        try {
          out.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
          log.warn("ignoring {} in the data directory: not a store segment", name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the data directory " + dir, e);
    }
    out.sort(null);
    return out;
  }
}
