/**
 * Testing support for {@code @SpringBootTest}: {@link
 * dev.ngsign.spring.boot.test.AutoConfigureNgsGateway} and {@link
 * dev.ngsign.spring.boot.test.AutoConfigureNavercertSimulator} start the in-process NGS gateway and
 * the Naver e-signature simulator for the test's application context and point the auto-configured
 * clients at them.
 */
@NullMarked
package dev.ngsign.spring.boot.test;

import org.jspecify.annotations.NullMarked;
