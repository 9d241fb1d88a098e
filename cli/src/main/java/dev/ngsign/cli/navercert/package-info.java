/** {@code ngsign navercert-server} and {@code ngsign navercert ...}: the Naver e-signature commands. */
package dev.ngsign.cli.navercert;
