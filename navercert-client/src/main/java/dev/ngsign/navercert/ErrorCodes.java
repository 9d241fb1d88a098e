package dev.ngsign.navercert;

/**
 * Error codes of the service and of its auth service, as {@link BarocertServiceException#code()}
 * carries them. Codes marked <em>mirrored</em> are Linkhub's published codes; the others are this
 * project's (Barocert does not publish its Naver table), numbered after Barocert's published
 * pattern (8 digits, negative, per-service prefix, {@code 1xxx} for input rules). docs/navercert.md
 * lists them all.
 */
public final class ErrorCodes {
  private ErrorCodes() {}

  // --- auth service (Linkhub) ---
  /** Mirrored: the LinkID is not known ("partner information does not exist"). */
  public static final long LINK_ID_UNKNOWN = -10000010L;

  /** Mirrored: the bearer token cannot be interpreted (unknown or malformed). */
  public static final long TOKEN_INVALID = -10000033L;

  /** Mirrored: no bearer token was sent. */
  public static final long TOKEN_MISSING = -10000034L;

  /** The LINKHUB Authorization signature does not match. */
  public static final long AUTH_SIGNATURE_INVALID = -10000101L;

  /** x-lh-date missing, malformed or more than 5 minutes from the server's clock. */
  public static final long AUTH_DATE_INVALID = -10000102L;

  /** x-lh-version missing or not 2.0. */
  public static final long AUTH_VERSION_INVALID = -10000103L;

  /** The bearer token has expired: get a new one. */
  public static final long TOKEN_EXPIRED = -10000104L;

  /** Authorization header missing or not "LINKHUB {LinkID} {signature}". */
  public static final long AUTH_HEADER_INVALID = -10000105L;

  /** The token request asks for no or unknown scopes. */
  public static final long SCOPE_INVALID = -10000106L;

  // --- Naver service ---
  /** x-bc-auth missing or its HMAC does not match. */
  public static final long BC_AUTH_INVALID = -45000001L;

  /** x-bc-date missing, malformed or more than 5 minutes from the server's clock. */
  public static final long BC_DATE_INVALID = -45000002L;

  /** x-bc-version missing or unsupported (2.1 expected). */
  public static final long BC_VERSION_INVALID = -45000003L;

  /** x-bc-encryptionmode not GCM or CBC. */
  public static final long ENCRYPTION_MODE_INVALID = -45000004L;

  /** The token's scope does not include this service. */
  public static final long SCOPE_DENIED = -45000005L;

  /** The client code does not exist or does not belong to the token's LinkID. */
  public static final long CLIENT_CODE_NOT_OWNED = -45000006L;

  /** No such receipt ID for this client code. */
  public static final long RECEIPT_NOT_FOUND = -45000007L;

  /** An encrypted field could not be decrypted with the LinkID's SecretKey. */
  public static final long DECRYPT_FAILED = -45000008L;

  /** The body is not the expected JSON. */
  public static final long BAD_REQUEST_BODY = -45000009L;

  /** Verify called while the person has not signed yet. */
  public static final long NOT_COMPLETED = -45000016L;

  /** Verify called a second time (Naver allows it once). */
  public static final long ALREADY_VERIFIED = -45000017L;

  /** The request expired (verify after expireDT, or never signed). */
  public static final long EXPIRED = -45000018L;

  /** The person refused to sign. */
  public static final long REFUSED = -45000019L;

  /** The signature failed at the provider. */
  public static final long FAILED = -45000020L;

  /** Sign, refuse or fail on a request that is no longer waiting (operator API). */
  public static final long NOT_WAITING = -45000021L;

  /** Unknown path or method. */
  public static final long NOT_FOUND = -45000404L;

  /** Unexpected server error. */
  public static final long INTERNAL = -45000500L;

  /** The server is at its connection or queue limit: try again shortly (HTTP 503). */
  public static final long BUSY = -45000503L;

  // --- input rules (1xxx) ---
  public static final long PHONE_MISSING = -45001001L;
  public static final long PHONE_DIGITS = -45001002L;
  public static final long PHONE_LENGTH = -45001003L;
  public static final long NAME_MISSING = -45001004L;
  public static final long NAME_TOO_LONG = -45001005L;
  public static final long BIRTHDAY_MISSING = -45001006L;
  public static final long BIRTHDAY_FORMAT = -45001007L;
  public static final long EXPIRE_IN_MISSING = -45001009L;
  public static final long EXPIRE_IN_TOO_SHORT = -45001010L;
  public static final long EXPIRE_IN_TOO_LONG = -45001011L;
  public static final long TOKEN_MISSING_DOC = -45001012L;
  public static final long TOKEN_TOO_LONG = -45001013L;
  public static final long RETURN_URL_MISSING = -45001014L;
  public static final long RETURN_URL_TOO_LONG = -45001015L;
  public static final long RETURN_URL_WEB = -45001016L;
  public static final long TITLE_INVALID = -45001017L;
  public static final long MESSAGE_INVALID = -45001018L;
  public static final long CALL_CENTER_INVALID = -45001019L;
  public static final long TOKEN_COUNT = -45001020L;
  public static final long TOKEN_TYPE_INVALID = -45001021L;
  public static final long DEVICE_OS_INVALID = -45001022L;
  public static final long CLIENT_CODE_FORMAT = -45001023L;
  public static final long RECEIPT_ID_FORMAT = -45001024L;

  /** A HASH or PDF token that is not a SHA-256 in Base64url without padding (43 characters). */
  public static final long TOKEN_HASH_FORMAT = -45001025L;
}
