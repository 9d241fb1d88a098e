package dev.ngsign.ngs.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** A clock at a local date-time in Korea. */
  public static MutableClock atSeoul(LocalDateTime t) {
    return new MutableClock(t.atZone(ZoneId.of("Asia/Seoul")).toInstant());
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public LocalDateTime seoul() {
    return LocalDateTime.ofInstant(now, ZoneId.of("Asia/Seoul"));
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
    return now;
  }
}
