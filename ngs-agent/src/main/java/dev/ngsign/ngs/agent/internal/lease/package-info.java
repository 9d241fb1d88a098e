/** Account leases (one node per NGS account, with heartbeat and fencing token) and node membership. */
package dev.ngsign.ngs.agent.internal.lease;
