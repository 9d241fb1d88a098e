/**
 * The cert server: CERT → CERT_ACK with a one-time CERT_KEY, the advertised address and the ports.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.cert;

import org.jspecify.annotations.NullMarked;
