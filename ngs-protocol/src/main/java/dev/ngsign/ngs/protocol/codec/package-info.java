/**
 * The pure NGS codec: the 14-byte header ({@link dev.ngsign.ngs.protocol.codec.FrameHeader}), one
 * body codec per packet type, {@link dev.ngsign.ngs.protocol.codec.PacketCodec} over {@code
 * ByteBuf}s and byte arrays, and the two Netty handlers that only frame, enforce the size cap and
 * (de)crypt. No session logic.
 */
@NullMarked
package dev.ngsign.ngs.protocol.codec;

import org.jspecify.annotations.NullMarked;
