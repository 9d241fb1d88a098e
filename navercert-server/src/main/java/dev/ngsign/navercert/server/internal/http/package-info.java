/** The simulator's HTTP listener on Netty: framing, timeouts, connection limit, worker hand-off. */
@NullMarked
package dev.ngsign.navercert.server.internal.http;

import org.jspecify.annotations.NullMarked;
