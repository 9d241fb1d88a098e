package dev.ngsign.ngs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.NgsProtocolException;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Mutation fuzzing in the build: valid packets with bytes flipped, cut, inserted or header digits
 * rewritten. Decoding must end in a packet or an {@link NgsProtocolException}, never another
 * exception, a hang, or a buffer sized from a forged length (the cap keeps bodies at 64 KB here).
 * Each case is named by its seed: {@code mutated(new Random(seed))} replays it.
 */
class FuzzTest {
  private static final int CAP = 64 * 1024;

  record Mutation(int kind, int position, int value) {}

  /** A valid packet's bytes with one to four mutations. */
  static byte[] mutated(Random r) {
    byte[] wire = PacketCodec.toBytes(PacketGenerators.anyPacket(r));
    int n = 1 + r.nextInt(4);
    List<Mutation> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ms.add(new Mutation(r.nextInt(5), r.nextInt(Integer.MAX_VALUE), r.nextInt(256)));
    }
    return mutate(wire, ms);
  }

  static byte[] mutate(byte[] b, List<Mutation> ms) {
    for (Mutation m : ms) {
      if (b.length == 0) {
        break;
      }
      int at = m.position() % b.length;
      switch (m.kind()) {
        case 0 -> b[at] = (byte) m.value(); // overwrite a byte
        case 1 -> b = Arrays.copyOf(b, at); // truncate
        case 2 -> { // insert a byte
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, at);
          n[at] = (byte) m.value();
          System.arraycopy(b, at, n, at + 1, b.length - at);
          b = n;
        }
        case 3 -> { // rewrite a header digit
          b[m.position() % Math.min(14, b.length)] = (byte) ('0' + m.value() % 10);
        }
        default -> b[at] ^= (byte) (1 << (m.value() % 8)); // flip a bit
      }
    }
    return b;
  }

  @TestFactory
  Stream<DynamicTest> mutatedPlainInputFailsOnlyWithProtocolErrors() {
    return seeds(0, 3000, input -> decodeExpectingOnlyProtocolErrors(input, null));
  }

  @TestFactory
  Stream<DynamicTest> mutatedInputOnAnEncryptedSessionFailsOnlyWithProtocolErrors() {
    return seeds(
        10_000,
        1000,
        input ->
            decodeExpectingOnlyProtocolErrors(input, PasswordHash.of("fuzz").key(7).bodyCipher()));
  }

  @TestFactory
  Stream<DynamicTest> theNettyDecoderSurvivesTheSameInput() {
    return seeds(20_000, 1000, FuzzTest::feedTheNettyDecoder);
  }

  /**
   * Hand-picked inputs at the edges: nothing, a lone header, forged huge and negative lengths,
   * every cut of a frame.
   */
  @TestFactory
  Stream<DynamicTest> boundaries() {
    List<DynamicTest> tests = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add("0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    inputs.add("00000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] link = PacketCodec.toBytes(dev.ngsign.ngs.protocol.packet.Link.INSTANCE);
    byte[] forged = link.clone();
    Arrays.fill(forged, 4, 14, (byte) '9'); // MsgLeng 9,999,999,999: far past the cap
    inputs.add(forged);
    byte[] minus = link.clone();
    minus[4] = '-';
    inputs.add(minus);
    for (NgsPacket p : RoundTripTest.boundaryPackets()) {
      byte[] wire = PacketCodec.toBytes(p);
      inputs.add(Arrays.copyOf(wire, wire.length - 1));
      inputs.add(Arrays.copyOf(wire, Math.min(wire.length, 14)));
      byte[] extra = Arrays.copyOf(wire, wire.length + 1);
      inputs.add(extra);
    }
    for (int i = 0; i < inputs.size(); i++) {
      byte[] in = inputs.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              "boundary " + i + " (" + in.length + " bytes)",
              () -> {
                decodeExpectingOnlyProtocolErrors(in.clone(), null);
                decodeExpectingOnlyProtocolErrors(
                    in.clone(), PasswordHash.of("fuzz").key(7).bodyCipher());
                feedTheNettyDecoder(in.clone());
              }));
    }
    return tests.stream();
  }

  private static Stream<DynamicTest> seeds(long first, int count, Consumer<byte[]> check) {
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              long seed = first + i;
              byte[] input = mutated(new Random(seed));
              return DynamicTest.dynamicTest("seed " + seed, () -> check.accept(input));
            });
  }

  private static void feedTheNettyDecoder(byte[] input) {
    List<Throwable> errors = new ArrayList<>();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new NgsFrameDecoder(CAP),
            new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
              }
            });
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(input));
    } catch (DecoderException e) {
      errors.add(e);
    }
    for (Throwable t : errors) {
      assertThat(t).isInstanceOf(DecoderException.class);
      assertThat(t.getCause()).isInstanceOf(NgsProtocolException.class);
    }
    ch.finishAndReleaseAll();
  }

  private static void decodeExpectingOnlyProtocolErrors(byte[] input, BodyCipher cipher) {
    try {
      List<NgsPacket> packets = PacketCodec.decodeAll(input, cipher, CAP);
      assertThat(packets).isNotNull();
    } catch (NgsProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      assertThat(expected.field()).isNotBlank();
    }
  }
}
