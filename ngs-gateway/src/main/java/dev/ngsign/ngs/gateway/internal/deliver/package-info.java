/** The deliver session: DELIVER checks (content, SERIAL de-duplication, TPS, quota) and DELIVER_ACK. */
package dev.ngsign.ngs.gateway.internal.deliver;
