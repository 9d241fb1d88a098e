/**
 * What the four load generators share: their bounding options (a picocli mixin) and their latency
 * report.
 */
package dev.ngsign.cli.bench;
