/**
 * Barocert-compatible simulator of the Naver e-signature service: start with {@link
 * dev.ngsign.navercert.server.NavercertServer}. Non-null unless documented otherwise.
 */
@NullMarked
package dev.ngsign.navercert.server;

import org.jspecify.annotations.NullMarked;
