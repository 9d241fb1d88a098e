/**
 * Daou DBro's {@code em_tran} / {@code em_tran_mms} / {@code em_log_YYYYMM}
 * (docs/legacy-tables.md).
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.legacy.emtran;

import org.jspecify.annotations.NullMarked;
