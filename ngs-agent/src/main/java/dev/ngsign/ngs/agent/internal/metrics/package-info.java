/** Micrometer meters of the agent and the HTTP endpoint that serves them (/metrics, /health). */
package dev.ngsign.ngs.agent.internal.metrics;
