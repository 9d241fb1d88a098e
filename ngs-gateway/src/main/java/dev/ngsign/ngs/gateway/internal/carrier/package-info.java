/** Simulated carriers and Kakao: the outcome of each accepted message, driven by test recipient numbers. */
package dev.ngsign.ngs.gateway.internal.carrier;
