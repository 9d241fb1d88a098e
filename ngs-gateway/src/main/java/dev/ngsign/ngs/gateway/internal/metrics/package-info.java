/** Micrometer meters of the gateway, exposed in Prometheus text format by the admin API. */
@NullMarked
package dev.ngsign.ngs.gateway.internal.metrics;

import org.jspecify.annotations.NullMarked;
