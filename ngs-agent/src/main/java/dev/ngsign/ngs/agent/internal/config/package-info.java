/** Reading agent.yml into {@link dev.ngsign.ngs.agent.AgentConfig} and building the connection pool. */
package dev.ngsign.ngs.agent.internal.config;
