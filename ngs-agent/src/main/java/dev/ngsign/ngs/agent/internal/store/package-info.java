/**
 * JDBC access to the send, attachment and orphan-report tables: claiming, write-back, log tables.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.store;

import org.jspecify.annotations.NullMarked;
