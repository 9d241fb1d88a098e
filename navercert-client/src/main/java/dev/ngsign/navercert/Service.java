package dev.ngsign.navercert;

/** The three Naver services behind Barocert: each has request, status and verify. */
public enum Service {
  /** 전자서명(복수): 1 to 50 documents in one request. */
  MULTI_SIGN("MultiSign"),
  /** 전자서명(단건): one document. */
  SIGN("Sign"),
  /** 본인인증: identity verification, no document. */
  IDENTITY("Identity");

  private final String segment;

  Service(String segment) {
    this.segment = segment;
  }

  /** The path segment: {@code /NAVER/{segment}/{clientCode}}. */
  public String segment() {
    return segment;
  }
}
