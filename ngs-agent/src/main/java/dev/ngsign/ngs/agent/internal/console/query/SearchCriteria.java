package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.MessageStatus;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What the operator searches by; every field optional, all given ones must match.
 *
 * @param serial SERIAL, exactly (the unique index)
 * @param recipient DEST_ADDR, exactly, with or without dashes ({@code 010-1234-5678} finds {@code
 *     01012345678} and the dashed form)
 * @param status STATUS
 * @param account ACCOUNT
 * @param from CREATED_AT at or after (the tables' zone)
 * @param to CREATED_AT before
 * @param beforeId the page after the one that ended with this ID (newest first)
 * @param pageSize rows per page, 1 to {@link #MAX_PAGE}
 */
public record SearchCriteria(
    @Nullable String serial,
    @Nullable String recipient,
    @Nullable MessageStatus status,
    @Nullable String account,
    @Nullable LocalDateTime from,
    @Nullable LocalDateTime to,
    @Nullable Long beforeId,
    int pageSize) {
  public static final int MAX_PAGE = 100;
  public static final int DEFAULT_PAGE = 50;

  public SearchCriteria {
    serial = blankToNull(serial);
    recipient = blankToNull(recipient);
    account = account == null ? null : account.trim();
    if (serial != null && (serial.length() > 20 || !serial.matches("[\\x21-\\x7e]+"))) {
      throw new SearchException(
          "serial: '" + serial + "' is not a SERIAL (1 to 20 printable ASCII characters)");
    }
    if (recipient != null && !RecipientMask.digits(recipient).matches("\\+?[0-9]{3,20}")) {
      // the value is personal data: named, not repeated
      throw new SearchException(
          "recipient: not a phone number (3 to 20 digits; dashes and spaces allowed)");
    }
    if (account != null && account.length() > 32) {
      throw new SearchException("account: '" + account + "' is longer than 32 characters");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new SearchException("from: " + from + " is not before to: " + to);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new SearchException("pageSize: " + pageSize + " is not between 1 and " + MAX_PAGE);
    }
  }

  /** No filter: the newest rows. */
  public static SearchCriteria newest() {
    return new SearchCriteria(null, null, null, null, null, null, null, DEFAULT_PAGE);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
