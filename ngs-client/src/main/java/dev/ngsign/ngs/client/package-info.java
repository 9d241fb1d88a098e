/**
 * NGS 2.0.1 client SDK: {@link dev.ngsign.ngs.client.NgsClient} sends SMS/LMS/MMS/AlimTalk/FriendTalk
 * over one account's deliver and report sessions. Everything in this package is public API; parameters
 * and return values are non-null unless documented otherwise. Machinery lives in {@code .internal}.
 */
@NullMarked
package dev.ngsign.ngs.client;

import org.jspecify.annotations.NullMarked;
