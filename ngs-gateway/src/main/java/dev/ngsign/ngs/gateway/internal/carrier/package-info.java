/**
 * Simulated carriers and Kakao: the outcome of each accepted message, driven by test recipient
 * numbers.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.carrier;

import org.jspecify.annotations.NullMarked;
