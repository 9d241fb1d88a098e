package dev.ngsign.ngs.gateway.internal.carrier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The simulated carriers' record of what they were handed: one line per message the gateway
 * accepted as new (never for a repeated SERIAL), {@code <epochMillis> <account> <serial> <gwSerial>
 * <daAddr>\n}, appended to {@code carrier.log} in the data directory. Chaos runs read it to count
 * SERIALs accepted twice and recipients messaged twice from the gateway's own record rather than
 * from the senders' memory.
 *
 * <p>A deliver session collects its read batch's lines in a {@link Batch} and appends them in one
 * write right after the batch's store changes are written and before its DELIVER_ACKs leave; the
 * write goes to the page cache (no fsync), so it survives a kill -9 like the store does. A kill
 * between the store write and this one can leave an accepted message out of the log (never in it
 * twice): the log may under-count by the messages of one read batch per kill, which the chaos
 * report prints as "carrier log gaps".
 */
public final class CarrierLog implements AutoCloseable {
  /** The file name inside the data directory. */
  public static final String FILE_NAME = "carrier.log";

  private final FileChannel channel;

  private CarrierLog(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens (appends to) {@code dir/carrier.log}. */
  public static CarrierLog open(Path dir) {
    try {
      return new CarrierLog(
          FileChannel.open(
              dir.resolve(FILE_NAME),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + dir.resolve(FILE_NAME), e);
    }
  }

  /** One read batch's lines; owned by one session's event loop. */
  public static final class Batch {
    private final StringBuilder lines = new StringBuilder();

    public void add(
        long epochMillis, String account, String serial, String gwSerial, String daAddr) {
      lines
          .append(epochMillis)
          .append(' ')
          .append(account)
          .append(' ')
          .append(serial)
          .append(' ')
          .append(gwSerial)
          .append(' ')
          .append(daAddr)
          .append('\n');
    }

    /** Forgets the lines (their store write failed: the messages were not accepted). */
    public void clear() {
      lines.setLength(0);
    }

    public boolean isEmpty() {
      return lines.length() == 0;
    }
  }

  /** Appends the batch's lines in one write and empties it. */
  public void append(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    ByteBuffer buf = ByteBuffer.wrap(batch.lines.toString().getBytes(StandardCharsets.US_ASCII));
    batch.lines.setLength(0);
    try {
      synchronized (
          channel) { // sessions of several accounts append; lines of one batch stay together
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("carrier log write failed", e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing at shutdown: nothing left to save
    }
  }
}
