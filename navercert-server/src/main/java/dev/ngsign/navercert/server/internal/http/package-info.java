/** The simulator's HTTP listener on Netty: framing, timeouts, connection limit, worker hand-off. */
package dev.ngsign.navercert.server.internal.http;
