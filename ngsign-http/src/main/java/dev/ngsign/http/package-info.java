/**
 * The project's one HTTP/1.1 listener, on Netty's HTTP codec: every HTTP port of ngsign (the
 * navercert simulator, the agent's metrics/health/console port, the gateway's admin port) serves
 * through {@link dev.ngsign.http.HttpListener}, so each gets the same protection against slow and
 * idle clients — deadlines for the request head and body, a bounded connection count, a bounded
 * body, and a bounded worker pool — configured by {@link dev.ngsign.http.HttpLimits}.
 */
@NullMarked
package dev.ngsign.http;

import org.jspecify.annotations.NullMarked;
