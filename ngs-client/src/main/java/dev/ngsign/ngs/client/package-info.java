/**
 * NGS 2.0.1 client SDK: {@link dev.ngsign.ngs.client.NgsClient} sends
 * SMS/LMS/MMS/AlimTalk/FriendTalk over one account's deliver and report sessions. Everything in
 * this package is public API; parameters and return values are non-null unless documented
 * otherwise. Machinery lives in {@code .internal}.
 *
 * <p>The {@code dev.ngsign.ngs.protocol} types this API takes or returns ({@code ResultCode},
 * {@code TpsLimits}, {@code SessionKind} and the other packet values) are part of this API, with
 * the same compatibility promise. Micrometer is optional: only {@link
 * dev.ngsign.ngs.client.NgsClientBuilder#meterRegistry} needs it on the class path.
 */
@NullMarked
package dev.ngsign.ngs.client;

import org.jspecify.annotations.NullMarked;
