/** Turning rows into DELIVERs and sending them for one account while this node holds its lease. */
package dev.ngsign.ngs.agent.internal.sender;
