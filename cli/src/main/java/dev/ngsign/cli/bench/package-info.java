/**
 * What the four load generators share: their bounding options (a picocli mixin) and their latency
 * report.
 */
@NullMarked
package dev.ngsign.cli.bench;

import org.jspecify.annotations.NullMarked;
