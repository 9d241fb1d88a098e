/** {@code ngsign send} and {@code ngsign bench-sdk}: the NGS client SDK from the command line. */
package dev.ngsign.cli.send;
