/** Per-class TPS enforcement with an exact sliding one-second window. */
package dev.ngsign.ngs.gateway.internal.tps;
