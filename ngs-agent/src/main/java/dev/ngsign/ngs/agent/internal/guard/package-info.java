/** Korean sending rules applied before a row is sent: advertising window, (광고) prefix, opt-out, sender code. */
package dev.ngsign.ngs.agent.internal.guard;
