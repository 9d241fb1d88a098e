/**
 * What the operator's console reads from the send table: rows by status per account, the traffic of
 * the last minutes (reports, latencies), the message search (with the monthly log tables of its
 * date range) and one row's timeline. Read-only, each query bounded in what it scans and returns;
 * personal data (recipients) leaves here masked.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.console.query;

import org.jspecify.annotations.NullMarked;
