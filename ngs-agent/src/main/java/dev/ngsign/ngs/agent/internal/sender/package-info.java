/** Turning rows into DELIVERs and sending them for one account while this node holds its lease. */
@NullMarked
package dev.ngsign.ngs.agent.internal.sender;

import org.jspecify.annotations.NullMarked;
