/**
 * {@code ./ngsign agent} (run the DB agent, {@code init-db}), {@code ./ngsign demo} and {@code
 * ./ngsign bench-agent}.
 */
@NullMarked
package dev.ngsign.cli.agent;

import org.jspecify.annotations.NullMarked;
