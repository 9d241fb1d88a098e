/** {@code ngsign send} and {@code ngsign bench-sdk}: the NGS client SDK from the command line. */
@NullMarked
package dev.ngsign.cli.send;

import org.jspecify.annotations.NullMarked;
