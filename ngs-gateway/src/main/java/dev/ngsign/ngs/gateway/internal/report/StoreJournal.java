package dev.ngsign.ngs.gateway.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's redo log: an append-only file of the map changes a DELIVER_ACK depends on, written before the
 * ACK goes out, so that acknowledged messages survive a kill -9 without waiting for a store commit. The
 * store file is checkpointed in the background; each checkpoint seals the current segment
 * ({@code journal-<n>.log}), commits the store and deletes the sealed segments. On open, segments still on
 * disk are replayed into the store in order.
 *
 * <p>Why a log in front of the store: a write to the end of a file costs one system call into the page cache
 * whatever the map sizes; a store commit rewrites every B-tree page touched since the last one. Committing
 * the store before each ACK batch kept a core busy at 50,000 messages/s and made ACK latency follow it.
 *
 * <p>A record is {@code u32 length, u32 CRC-32C, payload}; the payload is {@code op ('P' put, 'R' remove),
 * map ('r' reports, 's' serials, 'm' meta), u16 key length, key, value} in UTF-8. A torn or corrupt record
 * ends the replay of its segment (only the last write before a crash can be torn). Appends are
 * synchronised: each is one write of a whole batch, from whichever thread made the changes.
 */
final class StoreJournal implements AutoCloseable {
  static final byte PUT = 'P';
  static final byte REMOVE = 'R';
  static final byte REPORTS = 'r';
  static final byte SERIALS = 's';
  static final byte META = 'm';
  /** Longer records are not ours: they end the replay rather than make it allocate. */
  static final int MAX_RECORD = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(StoreJournal.class);
  private static final String PREFIX = "journal-";
  private static final String SUFFIX = ".log";

  /** Receives replayed changes, in the order they were written. */
  interface Replay {
    void apply(byte op, byte map, String key, byte[] value);
  }

  /**
   * The batches appended to one segment whose changes are still being applied to the store maps: a
   * checkpoint that sealed the segment waits for none to be left before it commits the maps.
   */
  static final class Appliers {
    final long segment;
    private final AtomicInteger applying = new AtomicInteger();

    Appliers(long segment) {
      this.segment = segment;
    }

    /** The batch's changes are in the maps (or will never be). */
    void applied() {
      applying.decrementAndGet();
    }

    /** Waits (a few microseconds: one batch's map writes) until every batch appended to the segment is applied. */
    void awaitApplied() {
      while (applying.get() > 0) {
        LockSupport.parkNanos(20_000);
      }
    }
  }

  private final Path dir;
  private FileChannel current;
  private long segment;
  private Appliers appliers;
  private long bytesInSegment;
  private boolean failed;

  private StoreJournal(Path dir, long firstSegment) {
    this.dir = dir;
    this.segment = firstSegment;
    this.current = openSegment(firstSegment);
    this.appliers = new Appliers(firstSegment);
  }

  /**
   * Replays every segment in {@code dir} into {@code target} and returns the segment numbers replayed; the
   * caller commits the store and then {@link #deleteUpTo deletes} them.
   */
  static List<Long> replay(Path dir, Replay target) {
    List<Long> segments = segments(dir);
    for (long n : segments) {
      Path p = path(dir, n);
      try {
        int count = replaySegment(Files.readAllBytes(p), target);
        log.info("replayed {} store changes from {}", count, p.getFileName());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read store journal " + p, e);
      }
    }
    return segments;
  }

  /** Starts a journal whose first segment numbers after every segment already in {@code dir}. */
  static StoreJournal start(Path dir) {
    List<Long> existing = segments(dir);
    return new StoreJournal(dir, existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
  }

  static int replaySegment(byte[] bytes, Replay target) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    int count = 0;
    while (b.remaining() >= 8) {
      int start = b.position();
      int length = b.getInt();
      int expected = b.getInt();
      if (length < 4 || length > MAX_RECORD || length > b.remaining()) {
        warnTail(bytes.length - start);
        break;
      }
      crc.reset();
      crc.update(bytes, b.position(), length);
      if ((int) crc.getValue() != expected) {
        warnTail(bytes.length - start);
        break;
      }
      byte op = b.get();
      byte map = b.get();
      int keyLength = Short.toUnsignedInt(b.getShort());
      if (keyLength > length - 4) {
        warnTail(bytes.length - start);
        break;
      }
      String key = new String(bytes, b.position(), keyLength, java.nio.charset.StandardCharsets.UTF_8);
      int valueStart = b.position() + keyLength;
      int valueLength = length - 4 - keyLength;
      byte[] value = op == PUT ? Arrays.copyOfRange(bytes, valueStart, valueStart + valueLength) : null;
      b.position(valueStart + valueLength);
      target.apply(op, map, key, value);
      count++;
    }
    return count;
  }

  private static void warnTail(int bytes) {
    log.warn("store journal ends with {} bytes of an incomplete record (cut off by a crash): ignored", bytes);
  }

  /**
   * Appends a batch of encoded records in one write and returns its segment's {@link Appliers}, counting
   * this batch as being applied: the caller calls {@link Appliers#applied()} once its map changes are made.
   * Throws when the log cannot be written (then nothing is counted).
   */
  synchronized Appliers append(ByteBuffer records) {
    if (failed) {
      throw new UncheckedIOException(new IOException("store journal failed earlier; restart the gateway"));
    }
    try {
      bytesInSegment += records.remaining();
      while (records.hasRemaining()) {
        current.write(records);
      }
      appliers.applying.incrementAndGet();
      return appliers;
    } catch (IOException e) {
      failed = true; // a partly written record would hide everything after it from the replay
      throw new UncheckedIOException("cannot write store journal " + path(dir, segment), e);
    }
  }

  /** Bytes appended to the current segment. */
  synchronized long bytesInSegment() {
    return bytesInSegment;
  }

  /**
   * Closes the current segment and starts the next; returns the sealed one's {@link Appliers}: once they are
   * {@linkplain Appliers#awaitApplied all applied}, the maps hold every change recorded in the segment.
   */
  synchronized Appliers seal() {
    Appliers sealed = appliers;
    FileChannel next = openSegment(segment + 1);
    closeQuietly(current);
    current = next;
    segment++;
    appliers = new Appliers(segment);
    bytesInSegment = 0;
    return sealed;
  }

  /** Deletes the segments numbered up to {@code n}: the store file holds their changes now. */
  void deleteUpTo(long n) {
    for (long s : segments(dir)) {
      if (s <= n) {
        try {
          Files.deleteIfExists(path(dir, s));
        } catch (IOException e) {
          log.warn("cannot delete checkpointed journal segment {}", path(dir, s), e);
        }
      }
    }
  }

  /** Closes the current segment and deletes every segment: call after the store file was committed. */
  @Override
  public synchronized void close() {
    closeQuietly(current);
    failed = true;
    deleteUpTo(segment);
  }

  private FileChannel openSegment(long n) {
    Path p = path(dir, n);
    try {
      return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create store journal " + p, e);
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      log.warn("closing a store journal segment failed", e);
    }
  }

  static Path path(Path dir, long n) {
    return dir.resolve(PREFIX + String.format("%012d", n) + SUFFIX);
  }

  private static List<Long> segments(Path dir) {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        try {
          out.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
          log.warn("ignoring {} in the data directory: not a journal segment", name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the data directory " + dir, e);
    }
    out.sort(null);
    return out;
  }
}
