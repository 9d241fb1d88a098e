/**
 * LG U+ agent's {@code SC_TRAN} (SMS) and {@code MMS_MSG} (LMS/MMS) with their monthly {@code
 * SC_LOG_YYYYMM} / {@code MMS_LOG_YYYYMM} (docs/legacy-tables.md, "sc-tran").
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.legacy.sctran;

import org.jspecify.annotations.NullMarked;
