/** The operator's HTTP/JSON admin API and the Prometheus scrape endpoint. */
package dev.ngsign.ngs.gateway.internal.admin;
