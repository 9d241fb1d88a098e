package dev.ngsign.navercert.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import dev.ngsign.navercert.BarocertValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Input rules shared by the SDK (before any network call) and the simulator (on what it receives).
 * Messages name the field and the rule, never the value of a personal field.
 */
public final class Checks {
  public static final int CLIENT_CODE_LENGTH = 12;
  public static final int RECEIPT_ID_LENGTH = 32;
  public static final int PHONE_SIZE = 11;
  public static final int NAME_MAX = 80;
  public static final int TITLE_MAX = 40;
  public static final int MESSAGE_MAX = 500;
  public static final int CALL_CENTER_MAX = 12;
  public static final int EXPIRE_IN_MIN = 1;
  public static final int EXPIRE_IN_MAX = 1000;
  public static final int TOKENS_MAX = 50;
  public static final int TOKEN_MAX = 2800;
  public static final int RETURN_URL_MAX = 1000;

  private static final Pattern CLIENT_CODE = Pattern.compile("\\d{12}");
  private static final Pattern RECEIPT_ID = Pattern.compile("\\d{32}");
  private static final Pattern PHONE = Pattern.compile("\\d{11}");
  private static final Pattern CALL_CENTER = Pattern.compile("[0-9-]+");
  private static final DateTimeFormatter BIRTHDAY =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private Checks() {}

  public static String clientCode(String v) {
    if (v == null || !CLIENT_CODE.matcher(v).matches()) {
      throw new BarocertValidationException("clientCode must be exactly 12 digits", CLIENT_CODE_FORMAT);
    }
    return v;
  }

  public static String receiptId(String v) {
    if (v == null || !RECEIPT_ID.matcher(v).matches()) {
      throw new BarocertValidationException("receiptID must be exactly 32 digits", RECEIPT_ID_FORMAT);
    }
    return v;
  }

  public static String phone(String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("receiverHP is required", PHONE_MISSING);
    }
    if (!PHONE.matcher(v).matches()) {
      throw new BarocertValidationException(
          "receiverHP must be 11 digits without hyphens (e.g. 010xxxxxxxx)", PHONE_LENGTH);
    }
    return v;
  }

  public static String name(String v) {
    required("receiverName", v, NAME_MISSING);
    if (v.length() > NAME_MAX) {
      throw new BarocertValidationException("receiverName must be at most 80 characters", NAME_TOO_LONG);
    }
    return v;
  }

  public static LocalDate birthday(String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("receiverBirthday is required", BIRTHDAY_MISSING);
    }
    if (v.length() != 8) {
      throw new BarocertValidationException("receiverBirthday must be 8 characters, yyyyMMdd", BIRTHDAY_FORMAT);
    }
    try {
      LocalDate d = LocalDate.parse(v, BIRTHDAY);
      if (d.getYear() < 1900) {
        throw new BarocertValidationException("receiverBirthday must be a real date, yyyyMMdd", BIRTHDAY_FORMAT);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new BarocertValidationException("receiverBirthday must be a real date, yyyyMMdd", BIRTHDAY_FORMAT);
    }
  }

  public static String title(String v) {
    required("reqTitle", v, TITLE_INVALID);
    if (v.length() > TITLE_MAX) {
      throw new BarocertValidationException("reqTitle must be at most 40 characters", TITLE_INVALID);
    }
    return v;
  }

  public static String message(String v) {
    required("reqMessage", v, MESSAGE_INVALID);
    if (v.length() > MESSAGE_MAX) {
      throw new BarocertValidationException("reqMessage must be at most 500 characters", MESSAGE_INVALID);
    }
    return v;
  }

  public static String callCenterNum(String v) {
    required("callCenterNum", v, CALL_CENTER_INVALID);
    if (v.length() > CALL_CENTER_MAX) {
      throw new BarocertValidationException("callCenterNum must be at most 12 characters", CALL_CENTER_INVALID);
    }
    if (!CALL_CENTER.matcher(v).matches()) {
      throw new BarocertValidationException("callCenterNum may hold only digits and hyphens", CALL_CENTER_INVALID);
    }
    return v;
  }

  public static int expireIn(Integer v) {
    if (v == null) {
      throw new BarocertValidationException("expireIn is required (seconds, 1 to 1000)", EXPIRE_IN_MISSING);
    }
    if (v < EXPIRE_IN_MIN || v > EXPIRE_IN_MAX) {
      throw new BarocertValidationException(
          "expireIn must be between 1 and 1000 seconds (300 recommended), was " + v,
          v < EXPIRE_IN_MIN ? EXPIRE_IN_TOO_SHORT : EXPIRE_IN_TOO_LONG);
    }
    return v;
  }

  public static int tokenCount(int n) {
    if (n < 1) {
      throw new BarocertValidationException("at least one token (document) is required", TOKEN_MISSING_DOC);
    }
    if (n > TOKENS_MAX) {
      throw new BarocertValidationException("at most 50 tokens (documents) per request, was " + n, TOKEN_COUNT);
    }
    return n;
  }

  public static String token(int index, String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("token #" + (index + 1) + " is empty", TOKEN_MISSING_DOC);
    }
    if (v.length() > TOKEN_MAX) {
      throw new BarocertValidationException(
          "token #" + (index + 1) + " must be at most 2800 characters, was " + v.length(),
          TOKEN_TOO_LONG);
    }
    return v;
  }

  public static String returnUrl(String v) {
    required("returnURL (app-to-app)", v, RETURN_URL_MISSING);
    if (v.length() > RETURN_URL_MAX) {
      throw new BarocertValidationException("returnURL must be at most 1000 characters", RETURN_URL_TOO_LONG);
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      throw new BarocertValidationException(
          "returnURL must be an app scheme or URL that is not http/https (e.g. myapp://signed)",
          RETURN_URL_WEB);
    }
    if (!lower.contains(":")) {
      throw new BarocertValidationException("returnURL must carry a scheme (e.g. myapp://signed)", RETURN_URL_WEB);
    }
    return v;
  }

  private static void required(String field, String v, long rule) {
    if (v == null || v.isBlank()) {
      throw new BarocertValidationException(field + " is required", rule);
    }
  }
}
