/**
 * Barocert-compatible simulator of the Naver e-signature service: start with {@link
 * dev.ngsign.navercert.server.NavercertServer}. Non-null unless documented otherwise.
 */
package dev.ngsign.navercert.server;
