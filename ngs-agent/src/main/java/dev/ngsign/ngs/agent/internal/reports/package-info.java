/** The write-behind: ACK outcomes and REPORTs committed in batches; a report is acknowledged only after its commit. */
package dev.ngsign.ngs.agent.internal.reports;
