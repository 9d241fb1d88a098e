/** Per-class TPS enforcement with an exact sliding one-second window. */
@NullMarked
package dev.ngsign.ngs.gateway.internal.tps;

import org.jspecify.annotations.NullMarked;
