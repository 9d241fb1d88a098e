/**
 * NGS client beans: {@code ngsign.ngs.*} properties, one {@code NgsClient} per account, their
 * lifecycle.
 */
@NullMarked
package dev.ngsign.spring.boot.ngs;

import org.jspecify.annotations.NullMarked;
