package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/** BIND KIND: the deliver session ({@code DLV}) or the report session ({@code REP}). */
public enum SessionKind {
  DELIVER("DLV"),
  REPORT("REP");

  private final String code;

  SessionKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The kind for a wire value, or null. */
  public static @Nullable SessionKind fromCode(String code) {
    for (SessionKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    return null;
  }
}
