package dev.ngsign.bench;

import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode + decode of one DELIVER through the pure codec on pooled buffers, as a session does: an
 * SMS (the spec's example, Korean text in MS949), an MMS with a 20 KB image, and the SMS on an
 * encrypted session. Run with {@code -prof gc} to see bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private Deliver sms;
  private Deliver mms;
  private BodyCipher cipher;
  private ByteBuf buf;

  @Setup(Level.Trial)
  public void setUp() {
    sms =
        Deliver.builder(MessageType.SMS)
            .daAddr("01020001234")
            .callback("15880000")
            .encoding(ContentEncoding.MS949)
            .text("SMS 테스트 발송 입니다.")
            .serial("202112310012345")
            .senderCode("101280092")
            .build();
    byte[] image = new byte[20 * 1024];
    image[0] = (byte) 0xFF;
    image[1] = (byte) 0xD8;
    image[2] = (byte) 0xFF;
    mms =
        Deliver.builder(MessageType.MMS)
            .daAddr("01020001234")
            .callback("15880000")
            .encoding(ContentEncoding.MS949)
            .text("MMS 제목")
            .serial("202112310012346")
            .senderCode("101280092")
            .addMedia(
                Media.text(MediaType.BODY_TEXT, ContentEncoding.MS949, "MMS 본문입니다. ".repeat(60)))
            .addMedia(Media.wrap(MediaType.JPG, ContentEncoding.BINARY, image))
            .build();
    cipher = PasswordHash.of("bench-password").key(12).bodyCipher();
    buf = alloc.heapBuffer(64 * 1024);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    buf.release();
  }

  private NgsPacket roundTrip(NgsPacket p, BodyCipher c) {
    buf.clear();
    PacketCodec.encode(p, buf, c);
    buf.skipBytes(14); // the frame decoder has read the header
    return PacketCodec.decodeBody(p.type(), buf, c);
  }

  @Benchmark
  public NgsPacket smsPlain() {
    return roundTrip(sms, null);
  }

  @Benchmark
  public NgsPacket mms20kImage() {
    return roundTrip(mms, null);
  }

  @Benchmark
  public NgsPacket smsEncrypted() {
    return roundTrip(sms, cipher);
  }
}
