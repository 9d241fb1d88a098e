package dev.ngsign.navercert.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Time formats of the wire. */
public final class WireTime {
  /** Korea Standard Time: the zone of expireDT. */
  public static final ZoneId KST = ZoneId.of("Asia/Seoul");

  /** x-lh-date and the /Time reply: yyyy-MM-dd'T'HH:mm:ss'Z'. */
  public static final DateTimeFormatter LH_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** x-bc-date and a token's expiration: yyyy-MM-dd'T'HH:mm:ss.SSS'Z'. */
  public static final DateTimeFormatter BC_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** expireDT: yyyyMMddHHmmss, Korea time. */
  public static final DateTimeFormatter EXPIRE_DT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(KST);

  private WireTime() {}

  /** Parses x-lh-date, x-bc-date or an expiration (with or without milliseconds); null if not. */
  public static Instant parseUtc(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.from(BC_DATE.parse(s.trim()));
    } catch (DateTimeParseException e) {
      try {
        return Instant.from(LH_DATE.parse(s.trim()));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  public static Instant parseExpireDt(String s) {
    return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT))
        .atZone(KST)
        .toInstant();
  }
}
