package dev.ngsign.ngs.protocol.packet;

/** An NGS 2.0.1 packet: a 14-byte header and the body of its {@link #type()}. */
public sealed interface NgsPacket
    permits Cert,
        CertAck,
        Bind,
        BindAck,
        Deliver,
        DeliverAck,
        Report,
        ReportAck,
        Link,
        LinkAck,
        Event {

  PacketType type();
}
