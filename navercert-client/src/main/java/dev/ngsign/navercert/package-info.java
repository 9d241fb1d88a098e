/**
 * Naver multi-document e-signature SDK speaking Barocert's wire format: start with {@link
 * dev.ngsign.navercert.NavercertClient}. Everything here is non-null unless documented otherwise.
 */
@NullMarked
package dev.ngsign.navercert;

import org.jspecify.annotations.NullMarked;
