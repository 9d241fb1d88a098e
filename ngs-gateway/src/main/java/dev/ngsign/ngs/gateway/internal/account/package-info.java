/** Per-account runtime state: address allow-list, connect lock, quota and accepted-per-second counters. */
package dev.ngsign.ngs.gateway.internal.account;
