/**
 * NGS 2.0.1 (Hanjin Information Systems) wire protocol: result codes and the protocol's one
 * unchecked exception root. Packets live in {@code .packet}, the pure codec in {@code .codec},
 * section 5 crypto in {@code .crypto} and the section 6 content rules in {@code .content}.
 */
@NullMarked
package dev.ngsign.ngs.protocol;

import org.jspecify.annotations.NullMarked;
