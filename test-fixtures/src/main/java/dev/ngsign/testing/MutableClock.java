package dev.ngsign.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: timeouts, expiry and schedules are tested by {@link #advance
 * advancing} it, never by waiting. Thread-safe; its zone is UTC and {@link #withZone} keeps the
 * same instant source.
 */
public final class MutableClock extends Clock {
  /** Where {@link #MutableClock()} starts: 2026-11-24 12:00 in Seoul, a Tuesday. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-24T03:00:00Z");

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** A clock at {@link #DEFAULT_START}. */
  public MutableClock() {
    this(DEFAULT_START);
  }

  /** A clock at the system's current instant, from then on moved only by hand. */
  public static MutableClock startingNow() {
    return new MutableClock(Instant.now());
  }

  /** A clock at a local date-time in Korea. */
  public static MutableClock atSeoul(LocalDateTime t) {
    return new MutableClock(t.atZone(SEOUL).toInstant());
  }

  /** Moves the clock forward (or back, for a negative {@code d}). */
  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  /** Sets the clock to {@code t}. */
  public void set(Instant t) {
    now.set(t);
  }

  /** The current instant as a local date-time in Korea. */
  public LocalDateTime seoul() {
    return LocalDateTime.ofInstant(now.get(), SEOUL);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
