/** The cert server: CERT → CERT_ACK with a one-time CERT_KEY, the advertised address and the ports. */
package dev.ngsign.ngs.gateway.internal.cert;
