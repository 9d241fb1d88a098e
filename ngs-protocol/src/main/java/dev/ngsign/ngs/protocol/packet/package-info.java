/**
 * One immutable type per NGS 2.0.1 packet (section 4), under the sealed {@link
 * dev.ngsign.ngs.protocol.packet.NgsPacket}, and the small value types they are made of. Components
 * are non-null unless their documentation says otherwise.
 */
@NullMarked
package dev.ngsign.ngs.protocol.packet;

import org.jspecify.annotations.NullMarked;
