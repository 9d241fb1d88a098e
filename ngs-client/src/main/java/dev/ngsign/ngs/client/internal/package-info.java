/** Client machinery: session handlers, window, TPS limiter, reconnect supervisor. Not API: may change at any time. */
package dev.ngsign.ngs.client.internal;
