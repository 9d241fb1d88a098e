/**
 * Test fixtures shared by every module's tests: {@link dev.ngsign.testing.MutableClock} and {@link
 * dev.ngsign.testing.TestDatabase}, {@link dev.ngsign.testing.Chromium}. A test-scope dependency
 * only.
 */
@NullMarked
package dev.ngsign.testing;

import org.jspecify.annotations.NullMarked;
