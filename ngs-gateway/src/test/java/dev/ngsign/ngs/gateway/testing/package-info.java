/**
 * Test fixtures that need a gateway, shared with other modules' tests through ngs-gateway's
 * test-jar.
 */
@NullMarked
package dev.ngsign.ngs.gateway.testing;

import org.jspecify.annotations.NullMarked;
