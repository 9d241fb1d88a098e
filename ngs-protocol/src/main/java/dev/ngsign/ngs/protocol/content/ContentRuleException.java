package dev.ngsign.ngs.protocol.content;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import java.util.List;

/** A message that breaks section 6; carries every violation, the first one in the message. */
public final class ContentRuleException extends NgsProtocolException {
  private static final long serialVersionUID = 1L;

  private final transient List<ContentViolation> violations;

  public ContentRuleException(List<ContentViolation> violations) {
    super(violations.get(0).field(), message(violations), violations.get(0).code());
    this.violations = List.copyOf(violations);
  }

  private static String message(List<ContentViolation> v) {
    return v.get(0).message()
        + (v.size() > 1
            ? " (and " + (v.size() - 1) + " more: " + v.subList(1, v.size()) + ")"
            : "");
  }

  public List<ContentViolation> violations() {
    return violations;
  }
}
