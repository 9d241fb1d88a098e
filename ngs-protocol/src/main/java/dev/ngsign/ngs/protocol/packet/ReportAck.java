package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/** REPORT_ACK (section 4.4): the client took the report identified by SERIAL + GWSERIAL. */
public record ReportAck(int result, String serial, String gwSerial) implements NgsPacket {
  public ReportAck {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(gwSerial, "gwSerial");
  }

  @Override
  public PacketType type() {
    return PacketType.REPORT_ACK;
  }
}
