/** Micrometer meters of the agent and the HTTP endpoint that serves them (/metrics, /health). */
@NullMarked
package dev.ngsign.ngs.agent.internal.metrics;

import org.jspecify.annotations.NullMarked;
