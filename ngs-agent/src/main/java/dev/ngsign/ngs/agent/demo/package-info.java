/**
 * For the demo and the benchmarks against this project's gateway on loopback, not for production
 * and not API: sample rows of every message type and a shorter login pacing than a real NGS gateway
 * allows.
 */
@NullMarked
package dev.ngsign.ngs.agent.demo;

import org.jspecify.annotations.NullMarked;
