package dev.ngsign.ngs.protocol.packet;

/** The protocol version string sent in CERT and BIND. */
public final class NgsVersion {
  /** {@code 'TV_'} + the spec's version (section 4.1). */
  public static final String VERSION = "TV_2.0.1";

  private NgsVersion() {}
}
