package dev.ngsign.navercert.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import dev.ngsign.navercert.BarocertValidationException;
import dev.ngsign.navercert.TokenType;
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

  /** 32 bytes in Base64url without padding: 42 free characters and a last one carrying 4 bits. */
  private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

  private static final DateTimeFormatter BIRTHDAY =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private Checks() {}

  public static String clientCode(String v) {
    if (v == null || !CLIENT_CODE.matcher(v).matches()) {
      throw new BarocertValidationException(
          "clientCode must be exactly 12 digits", CLIENT_CODE_FORMAT);
    }
    return v;
  }

  public static String receiptId(String v) {
    if (v == null || !RECEIPT_ID.matcher(v).matches()) {
      throw new BarocertValidationException(
          "receiptID must be exactly 32 digits", RECEIPT_ID_FORMAT);
    }
    return v;
  }

  public static String phone(String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("receiverHP is required", PHONE_MISSING);
    }
    if (!PHONE.matcher(v).matches()) {
      long digits = v.chars().filter(Character::isDigit).count();
      throw new BarocertValidationException(
          "receiverHP must be a mobile number of exactly 11 digits, e.g. 01012345678; the builders"
              + " also accept it with hyphens or spaces (010-1234-5678) and remove them, nothing else"
              + " (was "
              + v.length()
              + " characters, "
              + digits
              + " of them digits)",
          PHONE_LENGTH);
    }
    return v;
  }

  public static String name(String v) {
    required("receiverName", v, NAME_MISSING);
    if (v.length() > NAME_MAX) {
      throw new BarocertValidationException(
          "receiverName must be 1 to 80 characters, was " + v.length(), NAME_TOO_LONG);
    }
    return v;
  }

  public static LocalDate birthday(String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("receiverBirthday is required", BIRTHDAY_MISSING);
    }
    if (v.length() != 8) {
      throw new BarocertValidationException(
          "receiverBirthday must be 8 digits, yyyyMMdd, e.g. 19800515 (was "
              + v.length()
              + " characters)",
          BIRTHDAY_FORMAT);
    }
    try {
      LocalDate d = LocalDate.parse(v, BIRTHDAY);
      if (d.getYear() < 1900) {
        throw new BarocertValidationException(
            "receiverBirthday must be a real date from 1900 on as yyyyMMdd, e.g. 19800515",
            BIRTHDAY_FORMAT);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new BarocertValidationException(
          "receiverBirthday must be a real date from 1900 on as yyyyMMdd, e.g. 19800515",
          BIRTHDAY_FORMAT);
    }
  }

  public static String title(String v) {
    required("reqTitle", v, TITLE_INVALID);
    if (v.length() > TITLE_MAX) {
      throw new BarocertValidationException(
          "reqTitle must be 1 to 40 characters, was " + v.length(), TITLE_INVALID);
    }
    return v;
  }

  public static String message(String v) {
    required("reqMessage", v, MESSAGE_INVALID);
    if (v.length() > MESSAGE_MAX) {
      throw new BarocertValidationException(
          "reqMessage must be 1 to 500 characters, was " + v.length(), MESSAGE_INVALID);
    }
    return v;
  }

  public static String callCenterNum(String v) {
    required("callCenterNum", v, CALL_CENTER_INVALID);
    if (v.length() > CALL_CENTER_MAX) {
      throw new BarocertValidationException(
          "callCenterNum must be 1 to 12 characters (digits and hyphens), was " + v.length(),
          CALL_CENTER_INVALID);
    }
    if (!CALL_CENTER.matcher(v).matches()) {
      throw new BarocertValidationException(
          "callCenterNum may hold only digits and hyphens, e.g. 1600-9854", CALL_CENTER_INVALID);
    }
    return v;
  }

  public static int expireIn(Integer v) {
    if (v == null) {
      throw new BarocertValidationException(
          "expireIn is required (seconds, 1 to 1000)", EXPIRE_IN_MISSING);
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
      throw new BarocertValidationException(
          "at least one token (document) is required", TOKEN_MISSING_DOC);
    }
    if (n > TOKENS_MAX) {
      throw new BarocertValidationException(
          "at most 50 tokens (documents) per request, was " + n, TOKEN_COUNT);
    }
    return n;
  }

  /** Document {@code index} (0-based) of a request, as decrypted by the simulator. */
  public static String token(int index, TokenType type, String v) {
    try {
      return token(type, v);
    } catch (BarocertValidationException e) {
      throw new BarocertValidationException(
          "token #" + (index + 1) + ": " + e.getMessage(), e.rule().orElse(TOKEN_MISSING_DOC));
    }
  }

  /**
   * TEXT: 1 to 2800 characters. HASH and PDF: SHA-256 in Base64url without padding, which is
   * exactly 43 characters of A-Z a-z 0-9 - _ (what {@code Token.pdf} and Barocert's
   * sha256_base64url produce); the person signs that digest.
   */
  public static String token(TokenType type, String v) {
    if (v == null || v.isEmpty()) {
      throw new BarocertValidationException("token is empty", TOKEN_MISSING_DOC);
    }
    if (type == TokenType.TEXT) {
      if (v.length() > TOKEN_MAX) {
        throw new BarocertValidationException(
            "a TEXT token must be at most 2800 characters, was " + v.length(), TOKEN_TOO_LONG);
      }
      return v;
    }
    if (!HASH.matcher(v).matches()) {
      throw new BarocertValidationException(
          "a "
              + type
              + " token must be the document's SHA-256 in Base64url without padding:"
              + " exactly 43 characters of A-Z a-z 0-9 - _ (was "
              + v.length()
              + " characters)",
          TOKEN_HASH_FORMAT);
    }
    return v;
  }

  public static String returnUrl(String v) {
    required("returnURL (app-to-app)", v, RETURN_URL_MISSING);
    if (v.length() > RETURN_URL_MAX) {
      throw new BarocertValidationException(
          "returnURL must be at most 1000 characters", RETURN_URL_TOO_LONG);
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      throw new BarocertValidationException(
          "returnURL must be an app scheme or URL that is not http/https (e.g. myapp://signed)",
          RETURN_URL_WEB);
    }
    if (!lower.contains(":")) {
      throw new BarocertValidationException(
          "returnURL must carry a scheme (e.g. myapp://signed)", RETURN_URL_WEB);
    }
    return v;
  }

  /** The person's three fields, in the order the service checks them. */
  public static void receiver(String phone, String name, String birthday) {
    phone(phone);
    name(name);
    birthday(birthday);
  }

  /** What the builders accept for a phone: hyphens and spaces are removed, nothing else. */
  public static String stripPhone(String phone) {
    return phone == null ? null : phone.replace("-", "").replace(" ", "");
  }

  /** App-to-app needs the OS and a non-web return URL; push may carry a return URL too. */
  public static void appToApp(
      boolean appUse, dev.ngsign.navercert.DeviceOSType os, String returnUrl) {
    if (appUse) {
      if (os == null) {
        throw new BarocertValidationException(
            "deviceOSType (ANDROID or IOS) is required for app-to-app", DEVICE_OS_INVALID);
      }
      returnUrl(returnUrl);
    } else if (returnUrl != null) {
      returnUrl(returnUrl);
    }
  }

  private static void required(String field, String v, long rule) {
    if (v == null || v.isBlank()) {
      throw new BarocertValidationException(field + " is required", rule);
    }
  }
}
