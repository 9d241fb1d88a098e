/**
 * {@code ./ngsign gateway} (run the NGS gateway) and {@code ./ngsign bench} (DELIVER load
 * generator).
 */
@NullMarked
package dev.ngsign.cli.gateway;

import org.jspecify.annotations.NullMarked;
