/**
 * {@code ngsign chaos}: gateway and agent processes under kills and network faults, losses and
 * duplicates counted.
 */
package dev.ngsign.cli.chaos;
