/**
 * A spec-faithful NGS 2.0.1 gateway with simulated carriers: {@link
 * dev.ngsign.ngs.gateway.NgsGateway} is the entry point (also an in-process test fixture, like
 * OkHttp's MockWebServer); everything under {@code .internal} is machinery and may change without
 * notice.
 */
@NullMarked
package dev.ngsign.ngs.gateway;

import org.jspecify.annotations.NullMarked;
