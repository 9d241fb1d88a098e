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
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutation fuzzing in the build: valid packets with bytes flipped, cut, inserted or header digits
 * rewritten. Decoding must end in a packet or an {@link NgsProtocolException}, never another exception,
 * a hang, or a buffer sized from a forged length (the cap keeps bodies at 64 KB here).
 */
class FuzzProperties {
  private static final int CAP = 64 * 1024;

  record Mutation(int kind, int position, int value) {}

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<Mutation> m = Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    return Combinators.combine(PacketArbitraries.anyPacket(), m.list().ofMinSize(1).ofMaxSize(4))
        .as((p, ms) -> mutate(PacketCodec.toBytes(p), ms));
  }

  static byte[] mutate(byte[] b, List<Mutation> ms) {
    for (Mutation m : ms) {
      if (b.length == 0) {
        break;
      }
      int at = m.position() % b.length;
      switch (m.kind()) {
        case 0 -> b[at] = (byte) m.value();                                   // overwrite a byte
        case 1 -> b = java.util.Arrays.copyOf(b, at);                          // truncate
        case 2 -> {                                                            // insert a byte
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, at);
          n[at] = (byte) m.value();
          System.arraycopy(b, at, n, at + 1, b.length - at);
          b = n;
        }
        case 3 -> {                                                            // rewrite a header digit
          b[m.position() % Math.min(14, b.length)] = (byte) ('0' + m.value() % 10);
        }
        default -> b[at] ^= (byte) (1 << (m.value() % 8));                    // flip a bit
      }
    }
    return b;
  }

  @Property(tries = 3000)
  void mutatedPlainInputFailsOnlyWithProtocolErrors(@ForAll("mutated") byte[] input) {
    decodeExpectingOnlyProtocolErrors(input, null);
  }

  @Property(tries = 1000)
  void mutatedInputOnAnEncryptedSessionFailsOnlyWithProtocolErrors(@ForAll("mutated") byte[] input) {
    decodeExpectingOnlyProtocolErrors(input, PasswordHash.of("fuzz").key(7).bodyCipher());
  }

  @Property(tries = 1000)
  void theNettyDecoderSurvivesTheSameInput(@ForAll("mutated") byte[] input) {
    java.util.List<Throwable> errors = new java.util.ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new NgsFrameDecoder(CAP), new ChannelInboundHandlerAdapter() {
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
