package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.Nullable;

/**
 * HeadType values (section 3.2) with each body's fixed size and whether it is encrypted on a TYPE P
 * session.
 */
public enum PacketType {
  CERT(0, 149, false),
  CERT_ACK(1, 125, false),
  BIND(11, 220, false),
  BIND_ACK(12, 59, false),
  /** Variable: 221 bytes plus extension and attachments. */
  DELIVER(21, 221, true),
  DELIVER_ACK(22, 44, true),
  REPORT(31, 94, true),
  REPORT_ACK(32, 40, true),
  LINK(41, 0, false),
  LINK_ACK(42, 0, false),
  EVENT(51, 90, false);

  private static final PacketType[] BY_CODE = new PacketType[52];

  static {
    for (PacketType t : values()) {
      if (BY_CODE[t.headType] != null) {
        throw new ExceptionInInitializerError("duplicate HeadType " + t.headType);
      }
      BY_CODE[t.headType] = t;
    }
  }

  private final int headType;
  private final int bodySize;
  private final boolean encryptedOnSecureSession;

  PacketType(int headType, int bodySize, boolean encryptedOnSecureSession) {
    this.headType = headType;
    this.bodySize = bodySize;
    this.encryptedOnSecureSession = encryptedOnSecureSession;
  }

  /** The HeadType number written in the header. */
  public int headType() {
    return headType;
  }

  /** The plain body size in bytes; for DELIVER the size of its fixed part. */
  public int bodySize() {
    return bodySize;
  }

  /** True for DELIVER, DELIVER_ACK, REPORT and REPORT_ACK (section 5.3). */
  public boolean encryptedOnSecureSession() {
    return encryptedOnSecureSession;
  }

  /** True when the body size is the same for every packet of the type (all but DELIVER). */
  public boolean fixedSize() {
    return this != DELIVER;
  }

  /** The type for a HeadType number, or null when there is none. */
  public static @Nullable PacketType fromHeadType(int headType) {
    return headType >= 0 && headType < BY_CODE.length ? BY_CODE[headType] : null;
  }
}
