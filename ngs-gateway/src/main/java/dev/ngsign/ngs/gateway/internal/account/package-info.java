/**
 * Per-account runtime state: address allow-list, connect lock, quota and accepted-per-second
 * counters.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.account;

import org.jspecify.annotations.NullMarked;
