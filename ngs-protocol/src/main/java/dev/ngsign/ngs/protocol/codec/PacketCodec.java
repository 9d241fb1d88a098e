package dev.ngsign.ngs.protocol.codec;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.content.ContentLimits;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Link;
import dev.ngsign.ngs.protocol.packet.LinkAck;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes packets to header + body bytes and decodes them back, over {@link ByteBuf}s or byte
 * arrays. Pure: no I/O, no session state. A {@link BodyCipher} (null on plain sessions) encrypts
 * the bodies of DELIVER, DELIVER_ACK, REPORT and REPORT_ACK; the other packets always travel in
 * clear.
 */
public final class PacketCodec {
  /**
   * Default cap on MsgLeng: just above the largest DELIVER the content rules allow (a FriendTalk
   * wide image with all four attachments at their limits, encrypted). A header above it closes the
   * session before any of its body is buffered.
   */
  public static final int DEFAULT_MAX_BODY_LENGTH =
      BodyCipher.cipherLength(ContentLimits.LARGEST_LEGAL_DELIVER_BODY);

  private static final CertCodec CERT = new CertCodec();
  private static final CertAckCodec CERT_ACK = new CertAckCodec();
  private static final BindCodec BIND = new BindCodec();
  private static final BindAckCodec BIND_ACK = new BindAckCodec();
  private static final DeliverCodec DELIVER = new DeliverCodec();
  private static final DeliverAckCodec DELIVER_ACK = new DeliverAckCodec();
  private static final ReportCodec REPORT = new ReportCodec();
  private static final ReportAckCodec REPORT_ACK = new ReportAckCodec();
  private static final EventCodec EVENT = new EventCodec();

  private PacketCodec() {}

  /** The plain body length of a packet. */
  public static int bodyLength(NgsPacket p) {
    return switch (p.type()) {
      case DELIVER -> ((Deliver) p).bodyLength();
      default -> p.type().bodySize();
    };
  }

  /**
   * The full frame length (header + body as sent, ciphertext length when {@code cipher} applies).
   */
  public static int frameLength(NgsPacket p, BodyCipher cipher) {
    int body = bodyLength(p);
    return Layout.HEADER_SIZE
        + (cipher != null && p.type().encryptedOnSecureSession()
            ? BodyCipher.cipherLength(body)
            : body);
  }

  /** Appends header and plain body to {@code out}. */
  public static void encode(NgsPacket p, ByteBuf out) {
    encode(p, out, null);
  }

  /**
   * Appends header and body to {@code out}; the body is encrypted when {@code cipher} is not null
   * and the packet type is encrypted on secure sessions.
   *
   * @throws NgsProtocolException when a value does not fit its field; {@code out} is then left as
   *     it was
   */
  public static void encode(NgsPacket p, ByteBuf out, BodyCipher cipher) {
    int start = out.writerIndex();
    int bodyLength = bodyLength(p);
    try {
      if (cipher != null && p.type().encryptedOnSecureSession()) {
        int cipherLength = BodyCipher.cipherLength(bodyLength);
        out.ensureWritable(Layout.HEADER_SIZE + cipherLength);
        BodyWriter header = new BodyWriter(out, p.type().name());
        FrameHeader.write(header, p.type(), cipherLength);
        header.flush();
        boolean staged = cipherLength <= TextCoders.CIPHER_STAGE;
        ByteBuf plain =
            staged ? TextCoders.local().toEncrypt() : out.alloc().heapBuffer(cipherLength);
        try {
          encodeBody(
              p, new BodyWriter(plain, p.type().name()), plain, plain.writerIndex(), bodyLength);
          cipher.encrypt(plain, out);
        } finally {
          if (!staged) {
            plain.release();
          }
        }
      } else {
        out.ensureWritable(Layout.HEADER_SIZE + bodyLength);
        BodyWriter w = new BodyWriter(out, p.type().name());
        FrameHeader.write(w, p.type(), bodyLength);
        encodeBody(p, w, out, start + Layout.HEADER_SIZE, bodyLength);
      }
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /**
   * Writes the body through {@code w} (which may hold the header) and checks its length against the
   * packet's.
   */
  @SuppressWarnings("unchecked")
  private static <P extends NgsPacket> void encodeBody(
      P p, BodyWriter w, ByteBuf out, int bodyStart, int bodyLength) {
    BodyCodec<P> codec = (BodyCodec<P>) codecFor(p.type());
    if (codec != null) {
      codec.encode(p, w);
    }
    w.flush();
    int written = out.writerIndex() - bodyStart;
    if (written != bodyLength) {
      throw new IllegalStateException(
          p.type() + " body wrote " + written + " bytes, expected " + bodyLength);
    }
  }

  private static BodyCodec<? extends NgsPacket> codecFor(PacketType type) {
    return switch (type) {
      case CERT -> CERT;
      case CERT_ACK -> CERT_ACK;
      case BIND -> BIND;
      case BIND_ACK -> BIND_ACK;
      case DELIVER -> DELIVER;
      case DELIVER_ACK -> DELIVER_ACK;
      case REPORT -> REPORT;
      case REPORT_ACK -> REPORT_ACK;
      case EVENT -> EVENT;
      case LINK, LINK_ACK -> null;
    };
  }

  /**
   * Decodes a body whose header has been read; consumes all of {@code body}'s readable bytes on
   * success. The body is decrypted first when {@code cipher} is not null and the type is encrypted
   * on secure sessions.
   *
   * @throws NgsProtocolException (or {@link dev.ngsign.ngs.protocol.MalformedDeliverException} for
   *     a DELIVER) naming the field and value at fault
   */
  public static NgsPacket decodeBody(PacketType type, ByteBuf body, BodyCipher cipher) {
    if (cipher != null && type.encryptedOnSecureSession()) {
      int length = body.readableBytes();
      boolean staged = length <= TextCoders.CIPHER_STAGE;
      ByteBuf plain = staged ? TextCoders.local().decrypted() : body.alloc().heapBuffer(length);
      try {
        cipher.decrypt(body, plain, type.name());
        return decodePlainBody(type, plain);
      } finally {
        if (!staged) {
          plain.release();
        }
      }
    }
    return decodePlainBody(type, body);
  }

  private static NgsPacket decodePlainBody(PacketType type, ByteBuf body) {
    if (type.fixedSize() && body.readableBytes() != type.bodySize()) {
      throw new NgsProtocolException(
          type + ".MsgLeng",
          "body is " + body.readableBytes() + " bytes; a " + type + " body is " + type.bodySize());
    }
    BodyReader r = new BodyReader(body, type.name());
    NgsPacket p =
        switch (type) {
          case LINK -> Link.INSTANCE;
          case LINK_ACK -> LinkAck.INSTANCE;
          default -> codecFor(type).decode(r);
        };
    r.expectEnd(null);
    return p;
  }

  /** Encodes one packet to a new array. */
  public static byte[] toBytes(NgsPacket p, BodyCipher cipher) {
    ByteBuf buf = Unpooled.buffer(frameLength(p, cipher));
    encode(p, buf, cipher);
    byte[] b = new byte[buf.readableBytes()];
    buf.readBytes(b);
    return b;
  }

  public static byte[] toBytes(NgsPacket p) {
    return toBytes(p, null);
  }

  /** Decodes exactly one frame (header + body) from an array. */
  public static NgsPacket fromBytes(byte[] frame, BodyCipher cipher) {
    List<NgsPacket> all = decodeAll(frame, cipher, DEFAULT_MAX_BODY_LENGTH);
    if (all.size() != 1) {
      throw new NgsProtocolException(
          "frame", "holds " + all.size() + " packets, expected exactly one");
    }
    return all.get(0);
  }

  public static NgsPacket fromBytes(byte[] frame) {
    return fromBytes(frame, null);
  }

  /** Decodes a stream of frames (a capture), in order; every byte must belong to a frame. */
  public static List<NgsPacket> decodeAll(byte[] stream, BodyCipher cipher, int maxBodyLength) {
    ByteBuf in = Unpooled.wrappedBuffer(stream);
    List<NgsPacket> out = new ArrayList<>();
    while (in.isReadable()) {
      if (in.readableBytes() < Layout.HEADER_SIZE) {
        throw new NgsProtocolException(
            "header", "only " + in.readableBytes() + " bytes left; a header is 14");
      }
      FrameHeader h = FrameHeader.peek(in, maxBodyLength, cipher != null);
      if (in.readableBytes() < Layout.HEADER_SIZE + h.bodyLength()) {
        throw new NgsProtocolException(
            h.type() + ".MsgLeng",
            h.bodyLength()
                + " but only "
                + (in.readableBytes() - Layout.HEADER_SIZE)
                + " body bytes follow");
      }
      in.skipBytes(Layout.HEADER_SIZE);
      ByteBuf body = in.readSlice(h.bodyLength());
      out.add(decodeBody(h.type(), body, cipher));
    }
    return out;
  }
}
