/**
 * BizPPurio bizclient's {@code BIZ_MSG} (SMS, LMS/MMS, AlimTalk with {@code RE_TYPE} fallback,
 * FriendTalk) and its monthly {@code BIZ_LOG_YYYYMM} (docs/legacy-tables.md, "biz-msg").
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.legacy.bizmsg;

import org.jspecify.annotations.NullMarked;
