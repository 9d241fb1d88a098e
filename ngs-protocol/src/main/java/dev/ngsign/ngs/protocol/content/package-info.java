/**
 * Section 6 content rules as a validator that senders run before a DELIVER goes on the wire and the
 * gateway runs when one arrives: text limits per type in the declared encoding, attachment counts,
 * types and sizes, image signatures, and the Kakao extras JSON schema.
 */
@NullMarked
package dev.ngsign.ngs.protocol.content;

import org.jspecify.annotations.NullMarked;
