/**
 * Client machinery: session handlers, window, TPS limiter, reconnect supervisor. Not API: may
 * change at any time.
 */
@NullMarked
package dev.ngsign.ngs.client.internal;

import org.jspecify.annotations.NullMarked;
