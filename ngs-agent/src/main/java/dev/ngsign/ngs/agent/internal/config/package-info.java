/**
 * Reading agent.yml into {@link dev.ngsign.ngs.agent.AgentConfig} and building the connection pool.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.config;

import org.jspecify.annotations.NullMarked;
