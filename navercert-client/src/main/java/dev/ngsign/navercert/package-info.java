/**
 * Naver multi-document e-signature SDK speaking Barocert's wire format: start with {@link
 * dev.ngsign.navercert.NavercertClient}. Everything here is non-null unless documented otherwise.
 */
package dev.ngsign.navercert;
