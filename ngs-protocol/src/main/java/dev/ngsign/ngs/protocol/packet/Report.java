package dev.ngsign.ngs.protocol.packet;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * REPORT (section 4.4): the delivery result of one message, sent on the report session.
 *
 * @param result result code (0 delivered)
 * @param message flags: spam success, Kakao error code, final type after fallback
 * @param daAddr recipient number
 * @param serial the DELIVER's SERIAL
 * @param gwSerial the gateway's own message ID (16C)
 * @param sendTime when delivery completed (local time in Korea, no zone on the wire), null when
 *     empty or unreadable on the wire
 * @param telco the delivering carrier
 */
public record Report(
    int result,
    ReportMessage message,
    String daAddr,
    String serial,
    String gwSerial,
    @Nullable LocalDateTime sendTime,
    Telco telco)
    implements NgsPacket {
  public Report {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(daAddr, "daAddr");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(gwSerial, "gwSerial");
    Objects.requireNonNull(telco, "telco");
  }

  public boolean isDelivered() {
    return result == 0;
  }

  public Optional<LocalDateTime> sendTimeValue() {
    return Optional.ofNullable(sendTime);
  }

  /** The REPORT_ACK that acknowledges this report. */
  public ReportAck ack() {
    return new ReportAck(0, serial, gwSerial);
  }

  @Override
  public PacketType type() {
    return PacketType.REPORT;
  }
}
