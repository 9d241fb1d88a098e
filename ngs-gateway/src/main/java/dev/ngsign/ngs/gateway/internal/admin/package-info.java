/** The operator's HTTP/JSON admin API and the Prometheus scrape endpoint. */
@NullMarked
package dev.ngsign.ngs.gateway.internal.admin;

import org.jspecify.annotations.NullMarked;
