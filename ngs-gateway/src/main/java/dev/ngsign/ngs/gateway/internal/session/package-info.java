/**
 * Deliver and report sessions: the 1-second login window, BIND, the one-session-per-kind rule, LINK
 * and the idle timeout, and closing with EVENT type 0. One handler per concern, state on the
 * channel's event loop.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.session;

import org.jspecify.annotations.NullMarked;
