package dev.ngsign.navercert;

import java.util.List;

/**
 * The outcome of {@link SignerCheck}: every check made, each passed or failed with what differed.
 * {@link #ok()} only when all passed. A mismatch is reported here, never thrown. {@link
 * #toString()} lists the checks one per line and masks personal data (e.g. {@code 홍*동}, {@code
 * 010****5678}), so a verdict may be logged.
 *
 * @param checks in the order they were made: the whole result first, then document by document
 */
public record Verdict(List<Check> checks) {
  public Verdict {
    checks = List.copyOf(checks);
  }

  /** True when every check passed (and there was at least one). */
  public boolean ok() {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** What is checked. */
  public enum Kind {
    /** verify said DONE. */
    STATE,
    /** as many signatures as documents requested. */
    SIGNATURE_COUNT,
    /** the signature is a well-formed CMS SignedData with one signer and its certificate. */
    CMS,
    /**
     * TEXT: the signed content is the text; HASH/PDF: detached, and the signed digest is the
     * token's.
     */
    CONTENT,
    /** the signer's signature verifies with the signer certificate's key. */
    SIGNATURE,
    /** the signer certificate chains to a trust anchor, valid at the signing time. */
    CHAIN,
    /** a signing time is present and not in the future. */
    SIGNING_TIME,
    /** the signer certificate is meant for signatures (key usage). */
    KEY_USAGE,
    /** every document was signed with the same certificate. */
    SAME_SIGNER,
    /** the signer's name is the requested person's. */
    NAME,
    /** the signer's birth date is the requested person's. */
    BIRTHDAY,
    /** the signer's phone is the requested person's. */
    PHONE
  }

  /**
   * One check.
   *
   * @param kind what was checked
   * @param document 1-based document number, or 0 for the whole result
   * @param passed whether it held
   * @param detail what was found (masked; never a full name, phone or birth date)
   */
  public record Check(Kind kind, int document, boolean passed, String detail) {
    @Override
    public String toString() {
      return (passed ? "PASS " : "FAIL ")
          + (document > 0 ? "document " + document + " " : "")
          + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + ": "
          + detail;
    }
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(
            ok()
                ? "verdict: all " + checks.size() + " checks passed"
                : "verdict: " + failures().size() + " of " + checks.size() + " checks failed");
    checks.forEach(c -> sb.append('\n').append(c));
    return sb.toString();
  }
}
