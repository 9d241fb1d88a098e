/**
 * JMH micro-benchmarks ({@code java -jar bench/target/benchmarks.jar}). End-to-end load generators
 * live behind the CLI ({@code ./ngsign bench ...}) so they run against real processes.
 */
@NullMarked
package dev.ngsign.bench;

import org.jspecify.annotations.NullMarked;
