/**
 * Test fixtures shared by every module's tests: {@link dev.ngsign.testing.MutableClock}, {@link
 * dev.ngsign.testing.TestDatabase} and {@link dev.ngsign.testing.HeadlessChromium}. A test-scope
 * dependency only.
 */
@NullMarked
package dev.ngsign.testing;

import org.jspecify.annotations.NullMarked;
