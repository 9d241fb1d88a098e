/**
 * The write-behind: ACK outcomes and REPORTs committed in batches; a report is acknowledged only
 * after its commit.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.reports;

import org.jspecify.annotations.NullMarked;
