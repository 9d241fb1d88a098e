/**
 * {@code ngsign navercert-server} and {@code ngsign navercert ...}: the Naver e-signature commands.
 */
@NullMarked
package dev.ngsign.cli.navercert;

import org.jspecify.annotations.NullMarked;
