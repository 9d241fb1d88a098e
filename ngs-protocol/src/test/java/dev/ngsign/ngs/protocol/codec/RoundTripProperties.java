package dev.ngsign.ngs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** decode(encode(p)) = p for generated packets of every type, plain and on an encrypted session. */
class RoundTripProperties {

  @Provide
  Arbitrary<NgsPacket> packets() {
    return PacketArbitraries.anyPacket();
  }

  @Property(tries = 1500)
  void plainRoundTrip(@ForAll("packets") NgsPacket p) {
    byte[] wire = PacketCodec.toBytes(p);
    assertThat(wire).hasSize(PacketCodec.frameLength(p, null));
    assertThat(PacketCodec.fromBytes(wire)).isEqualTo(p);
  }

  @Property(tries = 500)
  void encryptedRoundTrip(@ForAll("packets") NgsPacket p, @ForAll @IntRange(min = 0, max = 64) int keyPos) {
    var cipher = PasswordHash.of("pw-" + keyPos).key(keyPos).bodyCipher();
    byte[] wire = PacketCodec.toBytes(p, cipher);
    assertThat(wire).hasSize(PacketCodec.frameLength(p, cipher));
    assertThat(PacketCodec.fromBytes(wire, cipher)).isEqualTo(p);
  }
}
