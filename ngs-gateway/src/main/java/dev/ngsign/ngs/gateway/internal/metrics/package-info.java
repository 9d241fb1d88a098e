/** Micrometer meters of the gateway, exposed in Prometheus text format by the admin API. */
package dev.ngsign.ngs.gateway.internal.metrics;
