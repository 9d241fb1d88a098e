/**
 * {@code ngsign chaos}: gateway and agent processes under kills and network faults, losses and
 * duplicates counted.
 */
@NullMarked
package dev.ngsign.cli.chaos;

import org.jspecify.annotations.NullMarked;
