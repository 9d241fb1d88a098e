/**
 * Korean sending rules applied before a row is sent: advertising window, (광고) prefix, opt-out,
 * sender code.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.guard;

import org.jspecify.annotations.NullMarked;
