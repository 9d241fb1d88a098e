/** {@code ./ngsign agent} (run the DB agent, {@code init-db}), {@code ./ngsign demo} and {@code ./ngsign bench-agent}. */
package dev.ngsign.cli.agent;
