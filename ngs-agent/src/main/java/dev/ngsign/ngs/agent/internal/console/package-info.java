/**
 * The operator console (docs/console.md): server-rendered HTML pages on the agent's HTTP port.
 * {@link dev.ngsign.ngs.agent.internal.console.Console} is the entry (one {@code Request -> Reply}
 * function the port hands every path but /metrics and /health); it applies the security rules of
 * {@code .auth} to every request, then the {@link dev.ngsign.ngs.agent.internal.console.Router}
 * picks the page. Pages build HTML with {@link dev.ngsign.ngs.agent.internal.console.Html} inside
 * the shell of {@link dev.ngsign.ngs.agent.internal.console.Layout}; static assets come from the
 * jar ({@link dev.ngsign.ngs.agent.internal.console.Assets}), never from a CDN.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.console;

import org.jspecify.annotations.NullMarked;
