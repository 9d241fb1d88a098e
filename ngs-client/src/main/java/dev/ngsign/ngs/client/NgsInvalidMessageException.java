package dev.ngsign.ngs.client;

import dev.ngsign.ngs.protocol.content.ContentViolation;
import java.util.List;

/**
 * The message breaks a rule of the spec (section 4.3 formats, section 6 content) and was not sent.
 * The message names the field and says what to do, e.g. {@code TEXT: SMS text is 95 bytes in MS949;
 * the limit is 90 — send it as LMS}.
 */
public class NgsInvalidMessageException extends NgsException {
  private static final long serialVersionUID = 1L;

  private final transient List<ContentViolation> violations;

  public NgsInvalidMessageException(
      String message, List<ContentViolation> violations, Throwable cause) {
    super(message, cause);
    this.violations = List.copyOf(violations);
  }

  public NgsInvalidMessageException(String message) {
    this(message, List.of(), null);
  }

  /**
   * Every rule broken (empty when the problem is not a content rule, e.g. a SERIAL already in
   * flight).
   */
  public List<ContentViolation> violations() {
    return violations;
  }
}
