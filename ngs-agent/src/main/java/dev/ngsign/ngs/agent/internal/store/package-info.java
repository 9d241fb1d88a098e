/** JDBC access to the send, attachment and orphan-report tables: claiming, write-back, log tables. */
package dev.ngsign.ngs.agent.internal.store;
