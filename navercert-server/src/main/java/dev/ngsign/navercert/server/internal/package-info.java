/** Simulator machinery: HTTP handlers, rules engine, H2 store, simulator CA; not API. */
package dev.ngsign.navercert.server.internal;
