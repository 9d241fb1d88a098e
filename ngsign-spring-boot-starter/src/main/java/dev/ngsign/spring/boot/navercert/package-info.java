/**
 * The {@code NavercertClient} bean from {@code navercert.*}, Linkhub's starter's property names
 * included.
 */
@NullMarked
package dev.ngsign.spring.boot.navercert;

import org.jspecify.annotations.NullMarked;
