/** Simulator machinery: HTTP handlers, rules engine, H2 store, simulator CA; not API. */
@NullMarked
package dev.ngsign.navercert.server.internal;

import org.jspecify.annotations.NullMarked;
