package dev.ngsign.ngs.protocol.packet;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Messages per second the account may send, per class (BIND_ACK SMS_TPS / MMS_TPS / KKO_TPS, EVENT
 * type 1). LMS and MMS share the MMS limit; AlimTalk and FriendTalk share KKO. Each fits 5C, so at
 * most 99999.
 */
public record TpsLimits(int sms, int mms, int kko) {
  /** The largest value the 5-character fields hold. */
  public static final int MAX = 99_999;

  private static final Pattern EVENT_DATA =
      Pattern.compile("\\s*(\\d{1,5})\\s*,\\s*(\\d{1,5})\\s*,\\s*(\\d{1,5})\\s*");

  public TpsLimits {
    check("SMS_TPS", sms);
    check("MMS_TPS", mms);
    check("KKO_TPS", kko);
  }

  private static void check(String field, int v) {
    if (v < 0 || v > MAX) {
      throw new IllegalArgumentException(field + " " + v + " is outside 0.." + MAX);
    }
  }

  /** The limit that applies to a message class. */
  public int limitFor(TpsClass tpsClass) {
    return switch (tpsClass) {
      case SMS -> sms;
      case MMS -> mms;
      case KKO -> kko;
    };
  }

  /** EVENT type 1 DATA, {@code SMS,MMS,KKO}, e.g. {@code 80,30,30}. */
  public String toEventData() {
    return sms + "," + mms + "," + kko;
  }

  /** Parses EVENT type 1 DATA; null when it is not three comma-separated numbers. */
  public static @Nullable TpsLimits parseEventData(String data) {
    var m = EVENT_DATA.matcher(data);
    if (!m.matches()) {
      return null;
    }
    return new TpsLimits(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }
}
