/**
 * Account leases (one node per NGS account, with heartbeat and fencing token) and node membership.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.lease;

import org.jspecify.annotations.NullMarked;
