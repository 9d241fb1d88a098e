package dev.ngsign.navercert.server;

/**
 * What the simulated Naver app reports about the person beyond the request's name, phone and
 * birthday. {@link #DEFAULT} is used when the signer gives nothing.
 *
 * @param gender M or F
 * @param email e-mail address, or null
 * @param foreign true for a foreigner
 */
public record SignerProfile(String gender, String email, boolean foreign) {
  public static final SignerProfile DEFAULT = new SignerProfile("M", "signer@example.com", false);

  public SignerProfile {
    if (!"M".equals(gender) && !"F".equals(gender)) {
      throw new IllegalArgumentException("gender must be M or F");
    }
  }

  @Override
  public String toString() {
    return "SignerProfile[<redacted>]";
  }
}
