/**
 * The DB sending agent: rows inserted into a send table go out through NGS, and the DELIVER_ACK and
 * the REPORT are written back. Start with {@link
 * dev.ngsign.ngs.agent.Agent#builder(dev.ngsign.ngs.agent.AgentConfig)}; the table layout and the
 * status machine are in {@code docs/agent.md}. Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.ngsign.ngs.agent;

import org.jspecify.annotations.NullMarked;
