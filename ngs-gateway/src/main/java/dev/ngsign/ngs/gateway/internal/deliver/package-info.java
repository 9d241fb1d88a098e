/**
 * The deliver session: DELIVER checks (content, SERIAL de-duplication, TPS, quota) and DELIVER_ACK.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.deliver;

import org.jspecify.annotations.NullMarked;
